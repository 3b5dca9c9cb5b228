package org.bankcrm.platform.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by a service's API layer to answer with a specific problem (404 for an unknown id, 409 for a
 * conflict, ...). Mapped to application/problem+json by {@link ProblemMappers}.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final List<Problem.Violation> violations = new ArrayList<>();

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not Found", "No " + what + " with id " + id);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    /** A 400 naming one invalid field, for rules Bean Validation cannot express on its own. */
    public static ProblemException invalidField(String field, String message) {
        ProblemException e = new ProblemException(400, "Bad Request", "The request has invalid fields");
        e.violations.add(new Problem.Violation(field, message));
        return e;
    }

    /**
     * Collects the invalid fields of a request checked item by item (e.g. {@code months[3].month}): the 400 of the first,
     * or {@code problem} with one more violation.
     */
    public static ProblemException invalidField(ProblemException problem, String field, String message) {
        if (problem == null) {
            return invalidField(field, message);
        }
        problem.violations.add(new Problem.Violation(field, message));
        return problem;
    }

    /** Adds an extension member to the problem, e.g. {@code with("existingId", id)}. */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
