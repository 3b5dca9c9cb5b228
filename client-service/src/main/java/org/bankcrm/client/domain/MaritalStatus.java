package org.bankcrm.client.domain;

public enum MaritalStatus {
    SINGLE, MARRIED, DIVORCED, WIDOWED
}
