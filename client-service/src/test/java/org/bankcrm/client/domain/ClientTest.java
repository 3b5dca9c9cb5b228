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

    @Test
    void onlyTheYearOfAnIndividualsBirthDateLeavesForTheEvents() {
        Client individual = Client.from(jana());
        assertThat(individual.birthYear()).isEqualTo(1985);
        individual.birthDate = null; // as after erasure
        assertThat(individual.birthYear()).isNull();
        Client business = Client.from(jana());
        business.type = ClientType.BUSINESS;
        assertThat(business.birthYear()).as("a business has no age, as its band is UNKNOWN").isNull();
    }

    static ClientDetails jana() {
        return new ClientDetails("CB-1", ClientType.INDIVIDUAL, "Jana Nováková", LocalDate.of(1985, 3, 14),
                "jana@example.org", "+420601234567", IncomeBracket.MIDDLE, LocalDate.of(2019, 4, 1),
                new Consents(true, false, true, false, true), Channel.BRANCH);
    }

    @Test
    void replacingDetailsNamesOnlyTheFieldsThatChanged() {
        Client client = Client.from(jana());
        ClientDetails next = new ClientDetails("CB-1", ClientType.INDIVIDUAL, "Jana Nováková", LocalDate.of(1985, 3, 14),
                "jana@example.com", "+420601234567", IncomeBracket.HIGH, LocalDate.of(2019, 4, 1),
                new Consents(false, false, true, false, true), Channel.BRANCH);
        assertThat(client.replaceWith(next)).containsExactly("email", "incomeBracket", "consents");
        assertThat(client.replaceWith(next)).isEmpty();
    }

    @Test
    void erasingAClientRemovesEveryPersonalDetailAndEveryConsentButKeepsTheIdTypeAndTenure() {
        Client client = Client.from(jana());
        client.id = java.util.UUID.randomUUID();
        client.erase(java.time.Instant.parse("2026-11-27T12:00:00Z"));
        assertThat(client.isErased()).isTrue();
        assertThat(client.fullName).isEqualTo("ERASED");
        assertThat(client.externalRef).isEqualTo("ERASED-" + client.id);
        assertThat(client.birthDate).isNull();
        assertThat(client.email).isNull();
        assertThat(client.phone).isNull();
        assertThat(client.consents).isEqualTo(Consents.none());
        assertThat(client.type).isEqualTo(ClientType.INDIVIDUAL);
        assertThat(client.customerSince).isEqualTo(LocalDate.of(2019, 4, 1));
        assertThat(client.incomeBracket).isEqualTo(IncomeBracket.MIDDLE);
    }

    @Test
    void aConsentChangeListsOnlyThePurposesWhoseAnswerChanged() {
        Consents before = new Consents(true, false, true, false, true);
        Consents after = new Consents(false, true, true, false, true);
        assertThat(before.changesTo(after)).containsExactly(
                new Consents.Change(ConsentPurpose.MARKETING_EMAIL, false),
                new Consents.Change(ConsentPurpose.MARKETING_SMS, true));
        assertThat(before.changesTo(before.copy())).isEmpty();
    }
}
