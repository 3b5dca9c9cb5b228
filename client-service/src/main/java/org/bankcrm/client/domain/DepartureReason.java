package org.bankcrm.client.domain;

/** Why a client counts as gone: churn models learn from both. */
public enum DepartureReason {
    /** The client's last open product was closed. */
    ALL_PRODUCTS_CLOSED,
    /** Another system (core banking) reported the client gone. */
    REPORTED
}
