package org.bankcrm.interaction.domain;

/** One field of a touchpoint that breaks a rule, and why. */
public record FieldProblem(String field, String message) {
    @Override
    public String toString() {
        return field + " " + message;
    }
}
