package org.bankcrm.client.domain;

/** What the client does for a living, in the codes banks' need-based segmentations use. */
public enum Occupation {
    EMPLOYEE, MANAGER, SELF_EMPLOYED, ENTREPRENEUR, PUBLIC_SERVANT, STUDENT, RETIRED, UNEMPLOYED, HOMEMAKER, OTHER
}
