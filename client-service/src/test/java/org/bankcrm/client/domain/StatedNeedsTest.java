package org.bankcrm.client.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class StatedNeedsTest {
    static final Instant MONDAY = Instant.parse("2026-11-30T10:00:00Z");
    static final Instant TUESDAY = MONDAY.plusSeconds(86_400);
    static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    static StatedNeeds stated(Instant at, StatedNeed... codes) {
        return new StatedNeeds(Set.of(codes), at, UUID.randomUUID());
    }

    static Client client() {
        Client client = new Client();
        client.id = UUID.randomUUID();
        return client;
    }

    @Test
    void theFirstStatementIsTakenAndANewerOneReplacesItAsAWhole() {
        Client client = client();
        assertThat(client.statedNeeds()).isEqualTo(StatedNeeds.NONE);
        assertThat(client.stateNeeds(stated(MONDAY, StatedNeed.CAR, StatedNeed.TRAVEL), NOW)).isTrue();
        assertThat(client.statedNeeds().codes()).containsExactlyInAnyOrder(StatedNeed.CAR, StatedNeed.TRAVEL);
        assertThat(client.stateNeeds(stated(TUESDAY, StatedNeed.RETIREMENT), NOW)).isTrue();
        assertThat(client.statedNeeds().codes()).containsExactly(StatedNeed.RETIREMENT);
        assertThat(client.statedNeeds().statedAt()).isEqualTo(TUESDAY);
        assertThat(client.updatedAt).isEqualTo(NOW);
    }

    @Test
    void anOlderStatementReportedLateNeverOverwritesANewerOne() {
        Client client = client();
        StatedNeeds tuesday = stated(TUESDAY, StatedNeed.SAVING_FOR_HOUSING);
        client.stateNeeds(tuesday, NOW);
        assertThat(client.stateNeeds(stated(MONDAY, StatedNeed.TRAVEL), NOW)).isFalse();
        assertThat(client.statedNeeds()).isEqualTo(tuesday);
    }

    @Test
    void theSameStatementAgainChangesNothingAndAnEmptyOneClearsTheNeeds() {
        Client client = client();
        StatedNeeds monday = stated(MONDAY, StatedNeed.CAR);
        client.stateNeeds(monday, NOW);
        assertThat(client.stateNeeds(monday, NOW.plusSeconds(5))).isFalse();
        assertThat(client.updatedAt).isEqualTo(NOW);
        assertThat(client.stateNeeds(stated(TUESDAY), NOW)).isTrue();
        assertThat(client.statedNeeds().codes()).isEmpty();
        assertThat(client.statedNeeds().isKnown()).isTrue();
    }

    @Test
    void anErasedClientTakesNoStatementAndErasureClearsTheNeeds() {
        Client client = client();
        client.stateNeeds(stated(MONDAY, StatedNeed.CHILDREN_EDUCATION), NOW);
        client.erase(NOW);
        assertThat(client.statedNeeds()).isEqualTo(StatedNeeds.NONE);
        assertThat(client.stateNeeds(stated(TUESDAY, StatedNeed.CAR), NOW)).isFalse();
        assertThat(client.statedNeeds()).isEqualTo(StatedNeeds.NONE);
    }

    @Test
    void theStatedNeedsAreNotTheRecordAChannelEditsSoTheVersionStays() {
        Client client = client();
        client.version = 3;
        client.stateNeeds(stated(MONDAY, StatedNeed.CAR), NOW);
        assertThat(client.version).isEqualTo(3);
    }
}
