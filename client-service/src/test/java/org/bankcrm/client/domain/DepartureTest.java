package org.bankcrm.client.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DepartureTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    static Client client() {
        Client client = new Client();
        client.customerSince = LocalDate.of(2019, 4, 1);
        return client;
    }

    @Test
    void theFirstDepartureStandsUntilTheClientReturns() {
        Client client = client();
        assertThat(client.leave(Instant.parse("2026-10-31T00:00:00Z"), DepartureReason.REPORTED, "MOVED_ABROAD", NOW)).isTrue();
        assertThat(client.leave(NOW, DepartureReason.ALL_PRODUCTS_CLOSED, null, NOW)).isFalse();
        assertThat(client.leftReason).isEqualTo(DepartureReason.REPORTED);
        assertThat(client.leftAt).isEqualTo(Instant.parse("2026-10-31T00:00:00Z"));

        assertThat(client.returnAt(NOW, NOW)).isEqualTo(NOW);
        assertThat(client.hasLeft()).isFalse();
        assertThat(client.leftReportedReason).isNull();
        assertThat(client.leave(NOW, DepartureReason.ALL_PRODUCTS_CLOSED, null, NOW)).isTrue();
    }

    @Test
    void aReturnIsNeverBeforeTheDepartureAndAClientWhoNeverLeftDoesNotReturn() {
        Client client = client();
        assertThat(client.returnAt(NOW, NOW)).isNull();
        client.leave(NOW, DepartureReason.ALL_PRODUCTS_CLOSED, null, NOW);
        assertThat(client.returnAt(Instant.parse("2024-05-02T00:00:00Z"), NOW)).isEqualTo(NOW);
    }

    @Test
    void aDepartureIsNeitherInTheFutureNorBeforeTheClientJoined() {
        Client client = client();
        assertThat(client.departureProblem(NOW, NOW)).isEmpty();
        assertThat(client.departureProblem(NOW.plusSeconds(1), NOW)).contains("must not be in the future");
        assertThat(client.departureProblem(Instant.parse("2019-03-31T23:59:59Z"), NOW)).isPresent();
        assertThat(client.departureProblem(Instant.parse("2019-04-01T00:00:00Z"), NOW)).isEmpty();
    }

    @Test
    void erasureDropsTheReportingSystemsCodeButKeepsWhenAndWhyTheClientLeft() {
        Client client = client();
        client.leave(NOW, DepartureReason.REPORTED, "DECEASED", NOW);
        client.erase(NOW);
        assertThat(client.leftReportedReason).isNull();
        assertThat(client.leftAt).isEqualTo(NOW);
        assertThat(client.leftReason).isEqualTo(DepartureReason.REPORTED);
    }
}
