package org.bankcrm.client.domain;

/** Where an individual is in life, from their age; businesses have none. */
public enum LifeStage {
    /** under 25: studies, first job */
    STARTING,
    /** 25-44: career, family, home */
    BUILDING,
    /** 45-59: peak earnings */
    PEAK,
    /** 60-64 */
    PRE_RETIREMENT,
    /** 65 and over */
    RETIRED,
    BUSINESS,
    UNKNOWN;

    public static LifeStage of(ClientType type, Integer age) {
        if (type == ClientType.BUSINESS) {
            return BUSINESS;
        }
        if (age == null) {
            return UNKNOWN;
        }
        if (age < 25) {
            return STARTING;
        }
        if (age < 45) {
            return BUILDING;
        }
        if (age < 60) {
            return PEAK;
        }
        return age < 65 ? PRE_RETIREMENT : RETIRED;
    }
}
