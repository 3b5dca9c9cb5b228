package org.bankcrm.client.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ClientProfileTest {

    static ClientDetails withProfile(ClientProfile profile) {
        return new ClientDetails("CB-1", ClientType.INDIVIDUAL, "Jana Nováková", LocalDate.of(1985, 3, 14), null, null,
                IncomeBracket.MIDDLE, LocalDate.of(2019, 4, 1), Consents.none(), null, profile);
    }

    @Test
    void aChangeOfTheProfileNamesOnlyTheFieldsThatChanged() {
        Client client = Client.from(withProfile(new ClientProfile(Occupation.EMPLOYEE, MaritalStatus.SINGLE, null, 1, 0)));
        long version = client.version;
        var changed = client.replaceWith(withProfile(new ClientProfile(Occupation.MANAGER, MaritalStatus.SINGLE,
                Education.TERTIARY, 1, 0)));
        assertThat(changed).containsExactly("occupation", "education");
        assertThat(client.version).isEqualTo(version + 1);
        assertThat(client.details().profile()).isEqualTo(client.profile());
    }

    @Test
    void detailsWithoutAProfileStateNone() {
        assertThat(withProfile(null).profile()).isEqualTo(ClientProfile.NONE);
    }

    @Test
    void erasureClearsTheProfileAsThePersonsAttributes() {
        Client client = Client.from(withProfile(new ClientProfile(Occupation.STUDENT, MaritalStatus.SINGLE,
                Education.SECONDARY, 2, 0, "FR")));
        client.erase(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(client.profile()).isEqualTo(ClientProfile.NONE);
    }

    @Test
    void aMoveToAnotherCountryIsAChangeOfTheProfile() {
        Client client = Client.from(withProfile(new ClientProfile(null, null, null, null, null, "FR")));
        assertThat(client.replaceWith(withProfile(new ClientProfile(null, null, null, null, null, "DE"))))
                .containsExactly("countryOfResidence");
        assertThat(client.profile().countryOfResidence()).isEqualTo("DE");
    }

    @Test
    void onlyUpperCaseIsoAlpha2CodesAreCountries() {
        assertThat(ClientProfile.isIsoCountry("DE")).isTrue();
        assertThat(ClientProfile.isIsoCountry("ES")).isTrue();
        assertThat(ClientProfile.isIsoCountry("de")).isFalse();
        assertThat(ClientProfile.isIsoCountry("XX")).isFalse();
        assertThat(ClientProfile.isIsoCountry("UK")).as("the United Kingdom is GB in ISO 3166-1").isFalse();
        assertThat(ClientProfile.isIsoCountry("DEU")).isFalse();
        assertThat(ClientProfile.isIsoCountry(null)).isFalse();
    }
}
