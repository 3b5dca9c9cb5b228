package org.bankcrm.client.domain;

public enum IncomeBracket {
    LOW, MIDDLE, UPPER_MIDDLE, HIGH
}
