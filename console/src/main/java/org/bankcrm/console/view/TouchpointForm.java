package org.bankcrm.console.view;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The "record a touchpoint" form as the staff fill it in, and the request interaction-service takes
 * ({@code POST /api/v1/interactions}). The form leaves the rules to the service (a negative experience needs a cause,
 * a bank-caused one what went wrong, ...): its answer names the fields, which the page marks.
 */
public record TouchpointForm(String channel, String type, String need, String valence, String cause, String causeDetail,
        String outcome, String csat, String notes) {

    public static final List<String> CHANNELS = List.of("BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK", "ATM", "CHAT", "EMAIL");
    public static final List<String> TYPES = List.of("INQUIRY", "COMPLAINT", "SERVICE_REQUEST", "TRANSACTION",
            "PRODUCT_APPLICATION", "ADVICE", "SURVEY_RESPONSE");
    public static final List<String> NEEDS = List.of("PAYMENTS", "CARDS", "LENDING", "SAVINGS", "INSURANCE", "INVESTMENTS",
            "DIGITAL_ACCESS", "ACCOUNT_SERVICE", "OTHER");
    public static final List<String> VALENCES = List.of("POSITIVE", "NEUTRAL", "NEGATIVE");
    public static final List<String> CAUSES = List.of("CLIENT", "BANK", "THIRD_PARTY");
    public static final List<String> CAUSE_DETAILS = List.of("WAITING_TIME", "ERROR", "STAFF", "PRODUCT_TERMS", "OUTAGE",
            "FEES", "PROCESS", "COMMUNICATION", "OTHER");
    public static final List<String> OUTCOMES = List.of("RESOLVED", "UNRESOLVED", "ESCALATED", "PENDING");

    /** An empty form, preset to the staff member's usual channel. */
    public static TouchpointForm blank(String channel) {
        return new TouchpointForm(channel, "", "", "", "", "", "", "", "");
    }

    /** The request body: a new id (the service is idempotent on it), now, the client started it; blank fields left out. */
    public Map<String, Object> request(String clientId, UUID id, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("clientId", clientId);
        body.put("occurredAt", now.toString());
        body.put("initiator", "CLIENT");
        put(body, "channel", channel);
        put(body, "type", type);
        put(body, "need", need);
        put(body, "valence", valence);
        put(body, "cause", cause);
        put(body, "causeDetail", causeDetail);
        put(body, "outcome", outcome);
        if (csat != null && !csat.isBlank()) {
            try {
                body.put("csat", Integer.parseInt(csat.trim()));
            } catch (NumberFormatException e) {
                body.put("csat", csat.trim()); // the service names the field
            }
        }
        put(body, "notes", notes);
        return body;
    }

    private static void put(Map<String, Object> body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value.trim());
        }
    }
}
