package org.bankcrm.client.store;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bankcrm.client.domain.ValueQuadrant;
import org.bankcrm.client.domain.ValueStrategy;

/**
 * A search of live (not erased) clients: {@code q} matches a name fragment (case and accents ignored),
 * or exactly an e-mail (case ignored), a phone or an external reference; the filters narrow it down.
 * Every order ends on the id, so pages are stable.
 */
public record ClientSearch(String q, String segment, ValueQuadrant quadrant, ValueStrategy strategy, Order order,
        int page, int size) {

    public enum Sort {
        CREATED_AT("created_at"), FULL_NAME("full_name"), CUSTOMER_SINCE("customer_since"), EXTERNAL_REF("external_ref");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    /** A sort as the API takes it: {@code fullName}, {@code -customerSince} (minus = descending). */
    public record Order(Sort by, boolean descending) {
        public static final List<String> ALLOWED = List.of("createdAt", "fullName", "customerSince", "externalRef");

        public static Optional<Order> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.of(new Order(Sort.CREATED_AT, false));
            }
            boolean descending = text.startsWith("-");
            String name = descending ? text.substring(1) : text;
            return switch (name) {
                case "createdAt" -> Optional.of(new Order(Sort.CREATED_AT, descending));
                case "fullName" -> Optional.of(new Order(Sort.FULL_NAME, descending));
                case "customerSince" -> Optional.of(new Order(Sort.CUSTOMER_SINCE, descending));
                case "externalRef" -> Optional.of(new Order(Sort.EXTERNAL_REF, descending));
                default -> Optional.empty();
            };
        }

        String sql() {
            String direction = descending ? " desc" : "";
            return by.column + direction + ", id" + direction;
        }
    }

    static String likeFragment(String q) {
        return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String phoneOf(String q) {
        return q.replaceAll("[\\s\\-().]", "");
    }

    static String lower(String q) {
        return q.toLowerCase(Locale.ROOT);
    }
}
