package org.bankcrm.client.domain;

import java.util.Locale;
import java.util.Set;

/**
 * The client's circumstances as the bank knows them, each optional (null: not known): what need-based segments
 * and propensity models read. Attributes of a person, so erasure clears them.
 */
public record ClientProfile(Occupation occupation, MaritalStatus maritalStatus, Education education, Integer householdSize,
        Integer dependants, String countryOfResidence) {
    public static final ClientProfile NONE = new ClientProfile(null, null, null, null, null, null);
    /** The ISO 3166-1 alpha-2 codes the JDK knows (upper case), e.g. DE, ES, FR. */
    private static final Set<String> ISO_COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    public static final int MIN_HOUSEHOLD_SIZE = 1;
    public static final int MAX_HOUSEHOLD_SIZE = 20;
    public static final int MAX_DEPENDANTS = 20;

    /** A profile without a known country of residence. */
    public ClientProfile(Occupation occupation, MaritalStatus maritalStatus, Education education, Integer householdSize,
            Integer dependants) {
        this(occupation, maritalStatus, education, householdSize, dependants, null);
    }

    /** Whether {@code code} is an ISO 3166-1 alpha-2 country code, in upper case as the standard writes it. */
    public static boolean isIsoCountry(String code) {
        return code != null && ISO_COUNTRIES.contains(code);
    }
}
