package org.bankcrm.client.domain;

/** The highest level of education completed. */
public enum Education {
    PRIMARY, SECONDARY, TERTIARY
}
