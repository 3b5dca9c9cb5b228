package org.bankcrm.client.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ClientTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Test
    void anIndividualOfFourteenMayBeRegisteredAndOneDayYoungerMayNot() {
        assertThat(Client.birthDateProblem(ClientType.INDIVIDUAL, LocalDate.of(2012, 11, 27), TODAY)).isEmpty();
        assertThat(Client.birthDateProblem(ClientType.INDIVIDUAL, LocalDate.of(2012, 11, 28), TODAY))
                .contains("the client must be at least 14 years old");
    }

    @Test
    void aBusinessClientNeedsNoBirthDateButAnIndividualDoes() {
        assertThat(Client.birthDateProblem(ClientType.BUSINESS, null, TODAY)).isEmpty();
        assertThat(Client.birthDateProblem(ClientType.INDIVIDUAL, null, TODAY)).isPresent();
    }

    @Test
    void ageBandsFollowTheBirthday() {
        assertThat(AgeBand.of(LocalDate.of(1991, 11, 27), TODAY)).isEqualTo(AgeBand.AGE_35_44);
        assertThat(AgeBand.of(LocalDate.of(1991, 11, 28), TODAY)).isEqualTo(AgeBand.AGE_25_34);
        assertThat(AgeBand.of(LocalDate.of(1950, 1, 1), TODAY)).isEqualTo(AgeBand.AGE_65_PLUS);
        assertThat(AgeBand.of(LocalDate.of(2010, 1, 1), TODAY)).isEqualTo(AgeBand.AGE_14_17);
        assertThat(AgeBand.of(null, TODAY)).isEqualTo(AgeBand.UNKNOWN);
    }
}
