package org.bankcrm.console.services;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service's error answer (RFC 9457 problem+json): status, title, detail and the fields it names. The console shows it
 * as a readable message next to what the user did, never as a stack trace.
 */
public class ServiceProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final String detail;
    private final Map<String, String> violations;

    public ServiceProblem(int status, String title, String detail, Map<String, String> violations) {
        super(status + " " + title, null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.violations = violations;
    }

    static ServiceProblem of(int status, JsonNode body) {
        Map<String, String> violations = new LinkedHashMap<>();
        String title = null;
        String detail = null;
        if (body != null) {
            title = body.path("title").asText(null);
            detail = body.path("detail").asText(null);
            for (JsonNode v : body.path("violations")) {
                violations.merge(v.path("field").asText(""), v.path("message").asText(""), (a, b) -> a + "; " + b);
            }
        }
        return new ServiceProblem(status, title == null ? "HTTP " + status : title, detail, violations);
    }

    /** A service that cannot be reached at all. */
    public static ServiceProblem unreachable(String service) {
        return new ServiceProblem(503, "Service Unavailable", service + " does not answer", Map.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public Map<String, String> violations() {
        return violations;
    }

    /** The violations as "field: message" lines. */
    public List<String> violationLines() {
        List<String> lines = new ArrayList<>();
        violations.forEach((field, message) -> lines.add(field.isEmpty() ? message : field + ": " + message));
        return lines;
    }
}
