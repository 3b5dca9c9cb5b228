package org.bankcrm.client.domain;

/** What a client may consent to: marketing on one channel, or profiling. */
public enum ConsentPurpose {
    MARKETING_EMAIL, MARKETING_SMS, MARKETING_PUSH, MARKETING_PHONE, PROFILING
}
