package org.bankcrm.client.domain;

public enum ClientType {
    INDIVIDUAL, BUSINESS
}
