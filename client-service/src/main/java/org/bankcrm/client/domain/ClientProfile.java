package org.bankcrm.client.domain;

/**
 * The client's circumstances as the bank knows them, each optional (null: not known): what need-based segments
 * and propensity models read. Attributes of a person, so erasure clears them.
 */
public record ClientProfile(Occupation occupation, MaritalStatus maritalStatus, Education education, Integer householdSize,
        Integer dependants) {
    public static final ClientProfile NONE = new ClientProfile(null, null, null, null, null);
    public static final int MIN_HOUSEHOLD_SIZE = 1;
    public static final int MAX_HOUSEHOLD_SIZE = 20;
    public static final int MAX_DEPENDANTS = 20;
}
