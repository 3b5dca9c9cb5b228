package org.bankcrm.interaction.api;

import java.util.Arrays;

import org.bankcrm.platform.problem.ProblemException;

/** Reads enumeration query parameters so that an unknown value is a 400 naming the parameter, not a 404. */
final class QueryValues {
    private QueryValues() {
    }

    static <E extends Enum<E>> E enumeration(Class<E> type, String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(parameter, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
