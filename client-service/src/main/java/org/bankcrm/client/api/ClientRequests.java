package org.bankcrm.client.api;

import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientType;
import org.bankcrm.client.domain.Consents;
import org.bankcrm.client.domain.IncomeBracket;

/** Request bodies of the client API, validated field by field. */
public final class ClientRequests {
    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    static final String E164 = "\\+[1-9][0-9]{6,14}";

    private ClientRequests() {
    }

    public record ConsentsBody(Boolean marketingEmail, Boolean marketingSms, Boolean marketingPush,
            Boolean marketingPhone, Boolean profiling) {

        Consents toDomain() {
            return new Consents(yes(marketingEmail), yes(marketingSms), yes(marketingPush), yes(marketingPhone), yes(profiling));
        }

        private static boolean yes(Boolean value) {
            return Boolean.TRUE.equals(value);
        }
    }

    public record RegisterClient(
            @NotBlank @Size(max = 64) String externalRef,
            @NotNull ClientType type,
            @NotBlank @Size(max = 200) String fullName,
            @Past LocalDate birthDate,
            @Email @Size(max = 254) String email,
            @Pattern(regexp = E164, message = "must be an E.164 phone number, e.g. +420601234567") String phone,
            IncomeBracket incomeBracket,
            @PastOrPresent LocalDate customerSince,
            @Valid ConsentsBody consents) {

        Client toDomain() {
            Client client = new Client();
            client.externalRef = externalRef.trim();
            client.type = type;
            client.fullName = fullName.trim();
            client.birthDate = birthDate;
            client.email = email;
            client.phone = phone;
            client.incomeBracket = incomeBracket;
            client.customerSince = customerSince;
            client.consents = consents == null ? Consents.none() : consents.toDomain();
            return client;
        }
    }
}
