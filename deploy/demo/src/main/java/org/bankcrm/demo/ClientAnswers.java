package org.bankcrm.demo;

/**
 * How demo clients answer an action presented to them: the "true" acceptance the offer model should discover.
 * It depends on the client (age, income, what they hold) the way bank campaigns report it — credit cards for
 * the young and middle-aged, mortgages for young families, term deposits and funds for older and wealthier
 * clients, recovery gestures accepted by most — and is lower right after a bad experience. The rest of the
 * answers: INTERESTED about 8 %, DECLINED about 40 %, IGNORED the remainder.
 */
public final class ClientAnswers {
    private ClientAnswers() {
    }

    public static double acceptance(Profile client, String category, String productType, String channel) {
        int age = client.ageOr(45);
        int bracket = Math.max(0, Vocabulary.INCOME_BRACKETS.indexOf(client.incomeBracket()));
        double p;
        if (!"SALES".equals(category)) {
            p = switch (category == null ? "" : category) {
                case "SERVICE_RECOVERY" -> 0.55;
                case "RETENTION" -> 0.15;
                case "TARIFF" -> 0.18;
                case "SERVICE_LEVEL" -> age < 60 ? 0.14 : 0.05;
                case "RESEARCH" -> 0.22;
                default -> 0.05;
            };
        } else {
            p = switch (productType == null ? "" : productType) {
                case "CREDIT_CARD" -> 0.05 * (age >= 22 && age < 45 ? 1.8 : age >= 65 ? 0.4 : 1.0);
                case "SAVINGS_ACCOUNT" -> 0.07 * (1 + 0.3 * bracket);
                case "TERM_DEPOSIT" -> 0.05 * (age >= 60 ? 2.6 : age < 25 ? 1.5 : 1.0) * (1 + 0.2 * bracket);
                case "MORTGAGE" -> 0.012 * (age >= 27 && age <= 42 ? 3.0 : 0.5) * (bracket >= 1 ? 1.5 : 0.5);
                case "CONSUMER_LOAN" -> 0.03 * (bracket == 0 ? 1.5 : 1.0);
                case "INSURANCE" -> 0.05 * (client.holds("MORTGAGE") ? 2.0 : 1.0);
                case "INVESTMENT_FUND" -> 0.025 * (bracket >= 2 ? 3.0 : 1.0) * (age >= 50 ? 1.8 : 1.0);
                case "PREMIUM_PACKAGE" -> 0.025 * (bracket == 3 ? 3.0 : 1.0);
                default -> 0.03;
            };
            p *= 1 + 0.15 * client.mood();
        }
        if ("BRANCH".equals(channel) || "CALL_CENTER".equals(channel)) {
            p *= 1.3;
        }
        return Math.max(0.002, Math.min(0.9, p));
    }

    /** The answer for a uniform draw {@code u} in [0, 1). */
    public static String answer(double acceptance, double u) {
        if (u < acceptance) {
            return "ACCEPTED";
        }
        double rest = (u - acceptance) / (1 - acceptance);
        return rest < 0.08 ? "INTERESTED" : rest < 0.48 ? "DECLINED" : "IGNORED";
    }
}
