package org.bankcrm.bench;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The touchpoints the bench sends: a mix like a bank's day (mostly routine digital contacts, some service requests
 * and advice, a few bank-caused complaints), for clients drawn from the loaded population. Each is a JSON body
 * accepted both by {@code POST /api/v1/interactions} and, as {@code crm.touchpoint.submitted}, by the ingest topic.
 */
final class Touchpoints {
    record Touchpoint(String id, String clientId, String json) {
    }

    private final List<String> clientIds;
    private final SplittableRandom random;

    Touchpoints(List<String> clientIds, long seed) {
        if (clientIds.isEmpty()) {
            throw new IllegalArgumentException("no clients to send touchpoints for");
        }
        this.clientIds = List.copyOf(clientIds);
        this.random = new SplittableRandom(seed);
    }

    synchronized Touchpoint next() {
        String id = UUID.randomUUID().toString();
        String clientId = clientIds.get(random.nextInt(clientIds.size()));
        int kind = random.nextInt(100);
        String body;
        String now = Instant.now().toString();
        if (kind < 45) {
            body = fields(id, clientId, now, pick("MOBILE_APP", "INTERNET_BANK", "ATM"), "TRANSACTION", "CLIENT", "PAYMENTS",
                    "RESOLVED", "NEUTRAL", null, null, null);
        } else if (kind < 70) {
            body = fields(id, clientId, now, pick("MOBILE_APP", "CHAT", "CALL_CENTER"), "INQUIRY", "CLIENT",
                    pick("CARDS", "ACCOUNT_SERVICE", "DIGITAL_ACCESS"), "RESOLVED", "POSITIVE", null, null, 4 + random.nextInt(2));
        } else if (kind < 85) {
            body = fields(id, clientId, now, pick("BRANCH", "CALL_CENTER", "INTERNET_BANK"), "SERVICE_REQUEST", "CLIENT",
                    pick("CARDS", "ACCOUNT_SERVICE", "PAYMENTS"), pick("RESOLVED", "RESOLVED", "PENDING"), "NEUTRAL", null,
                    null, 3 + random.nextInt(3));
        } else if (kind < 93) {
            body = fields(id, clientId, now, "BRANCH", "ADVICE", pick("CLIENT", "BANK"), pick("SAVINGS", "LENDING", "INVESTMENTS"),
                    "RESOLVED", "POSITIVE", null, null, 4 + random.nextInt(2));
        } else {
            body = fields(id, clientId, now, pick("CALL_CENTER", "BRANCH", "MOBILE_APP"), "COMPLAINT", "CLIENT",
                    pick("PAYMENTS", "CARDS", "DIGITAL_ACCESS"), pick("UNRESOLVED", "ESCALATED", "RESOLVED"), "NEGATIVE", "BANK",
                    pick("WAITING_TIME", "ERROR", "FEES", "OUTAGE"), 1 + random.nextInt(2));
        }
        return new Touchpoint(id, clientId, body);
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private static String fields(String id, String clientId, String occurredAt, String channel, String type, String initiator,
            String need, String outcome, String valence, String cause, String causeDetail, Integer csat) {
        StringBuilder json = new StringBuilder(320);
        json.append("{\"id\":\"").append(id)
                .append("\",\"clientId\":\"").append(clientId)
                .append("\",\"occurredAt\":\"").append(occurredAt)
                .append("\",\"channel\":\"").append(channel)
                .append("\",\"type\":\"").append(type)
                .append("\",\"initiator\":\"").append(initiator)
                .append("\",\"need\":\"").append(need)
                .append("\",\"outcome\":\"").append(outcome)
                .append("\",\"valence\":\"").append(valence).append('"');
        if (cause != null) {
            json.append(",\"cause\":\"").append(cause).append('"');
        }
        if (causeDetail != null) {
            json.append(",\"causeDetail\":\"").append(causeDetail).append('"');
        }
        if (csat != null) {
            json.append(",\"csat\":").append(csat);
        }
        return json.append('}').toString();
    }
}
