package org.bankcrm.interaction.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TouchpointRulesTest {
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    final TouchpointRules rules = new TouchpointRules(Duration.ofMinutes(2));

    static TouchpointContent touchpoint(Instant occurredAt, Valence valence, Cause cause, CauseDetail detail) {
        return new TouchpointContent(UUID.randomUUID(), UUID.randomUUID(), occurredAt, Channel.BRANCH,
                TouchpointType.INQUIRY, Initiator.CLIENT, Need.CARDS, Outcome.RESOLVED, valence, cause, detail, 4, 9,
                null, null);
    }

    @Test
    void aTouchpointUpToTheClockSkewAheadIsAcceptedAndOneSecondMoreIsNot() {
        assertThat(rules.problems(touchpoint(NOW.plusSeconds(120), Valence.POSITIVE, null, null), NOW)).isEmpty();
        assertThat(rules.problems(touchpoint(NOW.plusSeconds(121), Valence.POSITIVE, null, null), NOW))
                .extracting(FieldProblem::field).containsExactly("occurredAt");
    }

    @Test
    void aNegativeExperienceMustSayWhoCausedIt() {
        assertThat(rules.problems(touchpoint(NOW, Valence.NEGATIVE, null, null), NOW))
                .extracting(FieldProblem::field).containsExactly("cause");
        assertThat(rules.problems(touchpoint(NOW, Valence.NEGATIVE, Cause.CLIENT, null), NOW)).isEmpty();
    }

    @Test
    void aNegativeExperienceTheBankCausedMustSayWhat() {
        assertThat(rules.problems(touchpoint(NOW, Valence.NEGATIVE, Cause.BANK, null), NOW))
                .extracting(FieldProblem::field).containsExactly("causeDetail");
        assertThat(rules.problems(touchpoint(NOW, Valence.NEGATIVE, Cause.BANK, CauseDetail.FEES), NOW)).isEmpty();
    }

    @Test
    void aCauseDetailWithoutACauseIsRefused() {
        assertThat(rules.problems(touchpoint(NOW, Valence.POSITIVE, null, CauseDetail.STAFF), NOW))
                .extracting(FieldProblem::field).containsExactly("cause");
    }

    @Test
    void aReplayIsComparedToTheMicrosecondTheDatabaseKeeps() {
        UUID id = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        var withNanos = new TouchpointContent(id, client, Instant.parse("2026-11-27T10:00:00.123456789Z"), Channel.ATM,
                TouchpointType.TRANSACTION, Initiator.CLIENT, Need.PAYMENTS, Outcome.RESOLVED, Valence.NEUTRAL, null,
                null, null, null, null, null);
        var stored = Touchpoint.of(withNanos, Touchpoint.Origin.REST, NOW);
        stored.occurredAt = Instant.parse("2026-11-27T10:00:00.123456Z");
        assertThat(stored.isRepeatedBy(withNanos)).isTrue();
    }

    @Test
    void aNeedStatedTwiceAtOneTouchpointIsRefusedNamingTheSecond() {
        var twice = touchpoint(NOW, Valence.POSITIVE, null, null).withStatedNeeds(List.of(
                new StatedNeed(StatedNeedCode.TRAVEL, null), new StatedNeed(StatedNeedCode.CAR, "a used one"),
                new StatedNeed(StatedNeedCode.TRAVEL, "again")));
        assertThat(rules.problems(twice, NOW)).extracting(FieldProblem::field).containsExactly("statedNeeds[2].code");
        var distinct = twice.withStatedNeeds(twice.statedNeeds().subList(0, 2));
        assertThat(rules.problems(distinct, NOW)).isEmpty();
        assertThat(rules.problems(twice.withStatedNeeds(List.of()), NOW)).isEmpty();
    }

    @Test
    void aReplayMustRepeatTheFieldsWhateverItsStatedNeeds() {
        var content = touchpoint(NOW, Valence.POSITIVE, null, null);
        var stored = Touchpoint.of(content, Touchpoint.Origin.REST, NOW);
        // the stated needs are compared by the app layer, which keeps them as JSON
        assertThat(stored.isRepeatedBy(content.withStatedNeeds(List.of(new StatedNeed(StatedNeedCode.CAR, null))))).isTrue();
        assertThat(stored.isRepeatedBy(new TouchpointContent(content.id(), content.clientId(), NOW, Channel.ATM,
                content.type(), content.initiator(), content.need(), content.outcome(), content.valence(), null, null, 4, 9,
                null, null))).isFalse();
    }
}
