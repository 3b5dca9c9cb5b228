package org.bankcrm.platform.events;

/** Kafka header names of CloudEvents 1.0 in binary content mode (Kafka protocol binding). */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    /** Prefix of extension attributes, e.g. {@code ce_causationid}. */
    public static final String PREFIX = "ce_";

    public static final java.util.Set<String> CORE_ATTRIBUTES = java.util.Set.of(SPEC_VERSION, ID, TYPE, SOURCE, SUBJECT, TIME);

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
