package org.bankcrm.offer.domain;

/**
 * The client's optional profile from client-service (occupation, marital status, education, household size, number of
 * dependants): codes and counts only, each null when the bank does not know it.
 */
public record Demographics(String occupation, String maritalStatus, String education, Integer householdSize,
        Integer dependants) {
    public static final Demographics NONE = new Demographics(null, null, null, null, null);
}
