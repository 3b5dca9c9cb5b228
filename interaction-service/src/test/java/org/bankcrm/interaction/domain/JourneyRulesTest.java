package org.bankcrm.interaction.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Journeys with a 14-day window and a 7-day repeat-contact window, on hand-made contacts. */
class JourneyRulesTest {
    static final Instant DAY_1 = Instant.parse("2026-11-01T10:00:00Z");
    static final UUID CLIENT = UUID.randomUUID();
    final JourneyRules rules = new JourneyRules(Duration.ofDays(14), Duration.ofDays(7), Duration.ofDays(1));

    static Touchpoint contact(Instant at, Outcome outcome, Channel channel) {
        return Touchpoint.of(new TouchpointContent(UUID.randomUUID(), CLIENT, at, channel, TouchpointType.SERVICE_REQUEST,
                Initiator.CLIENT, Need.CARDS, outcome, Valence.NEUTRAL, null, null, null, null, null, null),
                Touchpoint.Origin.REST, at.plus(Duration.ofMinutes(1)));
    }

    static Instant day(int n) {
        return DAY_1.plus(Duration.ofDays(n - 1));
    }

    @Test
    void aNeedResolvedAtTheFirstContactIsAFirstContactResolution() {
        Journey journey = Journey.begin(UUID.randomUUID(), contact(DAY_1, Outcome.RESOLVED, Channel.MOBILE_APP), null);
        assertThat(journey.status).isEqualTo(JourneyStatus.RESOLVED);
        assertThat(journey.contacts).isEqualTo(1);
        assertThat(journey.firstContactResolution).isTrue();
        assertThat(journey.resolvedByChannel).isEqualTo(Channel.MOBILE_APP);
    }

    @Test
    void contactsWithinTheWindowOfEachOtherFormOneJourneyResolvedAtTheThirdContact() {
        Journey journey = Journey.begin(UUID.randomUUID(), contact(day(1), Outcome.UNRESOLVED, Channel.MOBILE_APP), null);
        assertThat(rules.continues(journey, day(10))).isTrue();
        journey.add(contact(day(10), Outcome.ESCALATED, Channel.CALL_CENTER));
        // 14 days after the second contact, not after the first
        assertThat(rules.continues(journey, day(24))).isTrue();
        journey.add(contact(day(24), Outcome.RESOLVED, Channel.BRANCH));
        assertThat(journey.status).isEqualTo(JourneyStatus.RESOLVED);
        assertThat(journey.contacts).isEqualTo(3);
        assertThat(journey.firstContactResolution).isFalse();
        assertThat(journey.firstChannel).isEqualTo(Channel.MOBILE_APP);
        assertThat(journey.resolvedByChannel).isEqualTo(Channel.BRANCH);
        assertThat(journey.closedAt).isEqualTo(day(24));
    }

    @Test
    void aContactMoreThanTheWindowAfterTheLastOneDoesNotContinueTheJourneyWhichIsAbandoned() {
        Journey journey = Journey.begin(UUID.randomUUID(), contact(day(1), Outcome.UNRESOLVED, Channel.CHAT), null);
        assertThat(rules.continues(journey, day(15))).isTrue();
        assertThat(rules.continues(journey, day(15).plusSeconds(1))).isFalse();
        assertThat(rules.isAbandoned(journey, day(16))).isTrue();
        assertThat(rules.abandonedAt(journey)).isEqualTo(day(15));
    }

    @Test
    void anOldJourneyIsNotSweptWhileContactsAreStillBeingRecordedOnItWithinTheGrace() {
        // a backfill: contacts of March recorded in November
        Touchpoint late = contact(day(1), Outcome.UNRESOLVED, Channel.CHAT);
        late.recordedAt = day(200);
        Journey journey = Journey.begin(UUID.randomUUID(), late, null);
        assertThat(rules.isAbandoned(journey, day(200).plus(Duration.ofHours(23)))).isFalse();
        assertThat(rules.isAbandoned(journey, day(201).plusSeconds(1))).isTrue();
        assertThat(rules.abandonedAt(journey)).isEqualTo(day(15));
    }

    @Test
    void aContactReportedLateJoinsTheJourneyOnlyWithinTheWindowBeforeItsFirstContact() {
        Journey journey = Journey.begin(UUID.randomUUID(), contact(day(20), Outcome.UNRESOLVED, Channel.CHAT), null);
        assertThat(rules.continues(journey, day(6))).isTrue();
        journey.add(contact(day(6), Outcome.UNRESOLVED, Channel.BRANCH));
        assertThat(journey.startedAt).isEqualTo(day(6));
        assertThat(journey.lastContactAt).isEqualTo(day(20));
        assertThat(rules.continues(journey, day(6).minus(Duration.ofDays(14)).minusSeconds(1))).isFalse();
    }

    @Test
    void aResolvedJourneyTakesNoFurtherContacts() {
        Journey journey = Journey.begin(UUID.randomUUID(), contact(day(1), Outcome.RESOLVED, Channel.CHAT), null);
        assertThat(rules.continues(journey, day(2))).isFalse();
    }

    @Test
    void theSameNeedAgainWithinSevenDaysOfAResolvingContactIsARepeatContact() {
        Journey resolved = Journey.begin(UUID.randomUUID(), contact(day(1), Outcome.RESOLVED, Channel.BRANCH), null);
        assertThat(rules.isRepeatContact(resolved, day(8))).isTrue();
        assertThat(rules.isRepeatContact(resolved, day(8).plusSeconds(1))).isFalse();
        assertThat(rules.isRepeatContact(null, day(2))).isFalse();
    }

    @Test
    void aJourneyAbandonedUnmetIsNoGroundForARepeatContact() {
        Journey abandoned = Journey.begin(UUID.randomUUID(), contact(day(1), Outcome.UNRESOLVED, Channel.BRANCH), null);
        abandoned.abandon(day(15));
        assertThat(rules.isRepeatContact(abandoned, day(16))).isFalse();
    }

    @Test
    void offersAndSurveyAnswersAreNoContactAboutANeed() {
        assertThat(rules.formsJourney(TouchpointType.OFFER_PRESENTED)).isFalse();
        assertThat(rules.formsJourney(TouchpointType.OFFER_RESPONSE)).isFalse();
        assertThat(rules.formsJourney(TouchpointType.SURVEY_RESPONSE)).isFalse();
        assertThat(rules.formsJourney(TouchpointType.COMPLAINT)).isTrue();
    }
}
