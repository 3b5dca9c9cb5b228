package org.bankcrm.client.api;

import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.bankcrm.client.domain.Channel;
import org.bankcrm.client.domain.ClientDetails;
import org.bankcrm.client.domain.ClientProfile;
import org.bankcrm.client.domain.ClientType;
import org.bankcrm.client.domain.Consents;
import org.bankcrm.client.domain.Education;
import org.bankcrm.client.domain.IncomeBracket;
import org.bankcrm.client.domain.MaritalStatus;
import org.bankcrm.client.domain.Occupation;

/** Request bodies of the client API, validated field by field. */
public final class ClientRequests {
    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    static final String E164 = "\\+[1-9][0-9]{6,14}";
    static final String E164_MESSAGE = "must be an E.164 phone number, e.g. +420601234567";
    static final String NOT_BLANK = "(?s).*\\S.*";

    private ClientRequests() {
    }

    public record ConsentsBody(Boolean marketingEmail, Boolean marketingSms, Boolean marketingPush,
            Boolean marketingPhone, Boolean profiling) {

        Consents toDomain() {
            return mergeInto(Consents.none());
        }

        /** The given answers over {@code current}; an absent answer leaves the current one. */
        Consents mergeInto(Consents current) {
            return new Consents(or(marketingEmail, current.marketingEmail), or(marketingSms, current.marketingSms),
                    or(marketingPush, current.marketingPush), or(marketingPhone, current.marketingPhone),
                    or(profiling, current.profiling));
        }

        static ConsentsBody of(Consents c) {
            return new ConsentsBody(c.marketingEmail, c.marketingSms, c.marketingPush, c.marketingPhone, c.profiling);
        }

        private static boolean or(Boolean value, boolean current) {
            return value == null ? current : value;
        }
    }

    /** POST (register) and PUT (replace): every field as it should be; absent optional fields become empty. */
    public record RegisterClient(
            @NotBlank @Size(max = 64) String externalRef,
            @NotNull ClientType type,
            @NotBlank @Size(max = 200) String fullName,
            @Past LocalDate birthDate,
            @Email @Size(max = 254) String email,
            @Pattern(regexp = E164, message = E164_MESSAGE) String phone,
            IncomeBracket incomeBracket,
            @PastOrPresent LocalDate customerSince,
            @Valid ConsentsBody consents,
            Channel preferredChannel,
            Occupation occupation,
            MaritalStatus maritalStatus,
            Education education,
            @Min(ClientProfile.MIN_HOUSEHOLD_SIZE) @Max(ClientProfile.MAX_HOUSEHOLD_SIZE) Integer householdSize,
            @Min(0) @Max(ClientProfile.MAX_DEPENDANTS) Integer dependants,
            @IsoCountry String countryOfResidence) {

        ClientDetails toDomain() {
            return new ClientDetails(externalRef.trim(), type, fullName.trim(), birthDate, email, phone, incomeBracket,
                    customerSince, consents == null ? Consents.none() : consents.toDomain(), preferredChannel,
                    new ClientProfile(occupation, maritalStatus, education, householdSize, dependants, countryOfResidence));
        }

        /** As a replacement: an absent customerSince keeps the current one (tenure is not lost by omission). */
        ClientDetails replacing(ClientDetails current) {
            ClientDetails next = toDomain();
            return customerSince != null ? next : next.withCustomerSince(current.customerSince());
        }
    }

    /** PATCH (JSON merge patch without null removal): the fields present replace the current ones. */
    public record PatchClient(
            @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Size(max = 64) String externalRef,
            ClientType type,
            @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Size(max = 200) String fullName,
            @Past LocalDate birthDate,
            @Email @Size(max = 254) String email,
            @Pattern(regexp = E164, message = E164_MESSAGE) String phone,
            IncomeBracket incomeBracket,
            @PastOrPresent LocalDate customerSince,
            @Valid ConsentsBody consents,
            Channel preferredChannel,
            Occupation occupation,
            MaritalStatus maritalStatus,
            Education education,
            @Min(ClientProfile.MIN_HOUSEHOLD_SIZE) @Max(ClientProfile.MAX_HOUSEHOLD_SIZE) Integer householdSize,
            @Min(0) @Max(ClientProfile.MAX_DEPENDANTS) Integer dependants,
            @IsoCountry String countryOfResidence) {

        ClientDetails mergeInto(ClientDetails c) {
            ClientProfile p = c.profile();
            return new ClientDetails(
                    externalRef != null ? externalRef.trim() : c.externalRef(),
                    type != null ? type : c.type(),
                    fullName != null ? fullName.trim() : c.fullName(),
                    birthDate != null ? birthDate : c.birthDate(),
                    email != null ? email : c.email(),
                    phone != null ? phone : c.phone(),
                    incomeBracket != null ? incomeBracket : c.incomeBracket(),
                    customerSince != null ? customerSince : c.customerSince(),
                    consents != null ? consents.mergeInto(c.consents()) : c.consents(),
                    preferredChannel != null ? preferredChannel : c.preferredChannel(),
                    new ClientProfile(occupation != null ? occupation : p.occupation(),
                            maritalStatus != null ? maritalStatus : p.maritalStatus(),
                            education != null ? education : p.education(),
                            householdSize != null ? householdSize : p.householdSize(),
                            dependants != null ? dependants : p.dependants(),
                            countryOfResidence != null ? countryOfResidence : p.countryOfResidence()));
        }
    }

    /** A change of consents from one channel or system: the answers given; absent ones stay as they are. */
    public record ChangeConsents(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "must be an upper-case code, e.g. MOBILE_APP") String source,
            Boolean marketingEmail, Boolean marketingSms, Boolean marketingPush, Boolean marketingPhone, Boolean profiling) {

        Consents mergeInto(Consents current) {
            return new ConsentsBody(marketingEmail, marketingSms, marketingPush, marketingPhone, profiling).mergeInto(current);
        }
    }
}
