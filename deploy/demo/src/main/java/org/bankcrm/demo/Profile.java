package org.bankcrm.demo;

import java.util.Set;

/**
 * What the touchpoint and response generators need to know of a client: who they are and what they hold,
 * plus two hidden traits — mood (how they tend to feel about the bank, standard normal) and home branch.
 * The population generator draws them; the live stream rebuilds them from client-service's answers.
 */
public record Profile(String type, Integer age, String incomeBracket, String preferredChannel, Set<String> products,
        int homeBranch, double mood, boolean usesApp) {

    boolean business() {
        return "BUSINESS".equals(type);
    }

    boolean holds(String product) {
        return products.contains(product);
    }

    boolean holdsLoan() {
        return holds("MORTGAGE") || holds("CONSUMER_LOAN") || holds("CREDIT_CARD");
    }

    /** Individuals by age; businesses count as working-age. */
    int ageOr(int fallback) {
        return age == null ? fallback : age;
    }
}
