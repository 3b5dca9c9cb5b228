package org.bankcrm.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Touchpoints as a bank sees them: a client comes with a need (an episode), on a channel, and is served at
 * once or after follow-ups on the same or another channel; some needs come back (repeat contacts); some
 * contacts end with a survey. Valence follows the outcome and the client's mood; who caused a negative
 * experience, and what, follows the channel. The bad weeks ({@link BadWeeks}) override what happens in them.
 */
public final class TouchpointGenerator {
    /** The history the demo bank starts with: eight weeks, i.e. the CX findings' period and the one before it. */
    public static final Duration HISTORY = Duration.ofDays(56);
    /** Episodes (needs brought to the bank) per client per 28 days, median; log-normal across clients. */
    static final double EPISODES_PER_28_DAYS = 1.0;

    private static final List<String> CH = Vocabulary.CHANNELS;
    private static final List<String> FIRST_TYPES = List.of("INQUIRY", "COMPLAINT", "SERVICE_REQUEST", "TRANSACTION",
            "PRODUCT_APPLICATION", "ADVICE");

    private final BadWeeks badWeeks;
    private final Instant now;

    public TouchpointGenerator(BadWeeks badWeeks, Instant now) {
        this.badWeeks = badWeeks;
        this.now = now;
    }

    public BadWeeks badWeeks() {
        return badWeeks;
    }

    /** The client's touchpoints of the last {@link #HISTORY} (not before they became a client), oldest first. */
    List<Payloads.Touchpoint> history(Rng rng, Profile client, LocalDate customerSince) {
        Instant from = now.minus(HISTORY);
        Instant since = customerSince.atStartOfDay().toInstant(ZoneOffset.UTC);
        if (since.isAfter(from)) {
            from = since;
        }
        double days = Duration.between(from, now).toMinutes() / 1440.0;
        if (days <= 0) {
            return List.of();
        }
        double rate = rng.logNormal(EPISODES_PER_28_DAYS, 0.6) * (client.business() ? 1.4 : 1.0);
        int episodes = rng.poisson(rate * days / 28.0);
        List<Payloads.Touchpoint> all = new ArrayList<>();
        for (int e = 0; e < episodes; e++) {
            all.addAll(episode(rng, client, from.plus(Duration.ofMinutes((long) (rng.uniform() * days * 1440))), null));
        }
        // the outage brings app users to the app (and then to the phone) more than usual
        if (client.usesApp() && badWeeks.outageTo().isAfter(from) && rng.chance(0.25)) {
            Instant start = badWeeks.outageFrom().plus(Duration.ofMinutes((long) (rng.uniform()
                    * Duration.between(badWeeks.outageFrom(), badWeeks.outageTo()).toMinutes())));
            if (start.isAfter(from)) {
                all.addAll(episode(rng, client, start, "MOBILE_APP"));
            }
        }
        Instant latest = now.minus(Duration.ofMinutes(1));
        return all.stream().filter(t -> t.occurredAt().isBefore(latest))
                .sorted(Comparator.comparing(Payloads.Touchpoint::occurredAt)).toList();
    }

    /** One need of the client, from its first contact at {@code start} on (a channel may be imposed). */
    List<Payloads.Touchpoint> episode(Rng rng, Profile client, Instant start, String onChannel) {
        List<Payloads.Touchpoint> contacts = new ArrayList<>();
        String channel = onChannel != null ? onChannel : channel(rng, client);
        start = dayTime(rng, start, channel);
        String type = rng.weighted(FIRST_TYPES, typeWeights(channel));
        String need = need(rng, client, type, channel);
        String initiator = "ADVICE".equals(type) && rng.chance(0.4) || "CALL_CENTER".equals(channel) && rng.chance(0.08)
                ? "BANK" : "CLIENT";
        boolean outage = "MOBILE_APP".equals(channel) && badWeeks.outage(start) && rng.chance(0.5);
        boolean queue = "BRANCH".equals(channel) && badWeeks.queues(start, client.homeBranch()) && rng.chance(0.65);

        Contact first;
        if (outage) {
            need = rng.chance(0.6) ? "DIGITAL_ACCESS" : "PAYMENTS";
            first = new Contact("UNRESOLVED", "NEGATIVE", "BANK", "OUTAGE", "App down: log-in and payments failed");
            type = rng.chance(0.25) ? "COMPLAINT" : "SERVICE_REQUEST";
        } else {
            first = firstContact(rng, client, type, channel);
            if (queue) {
                first = new Contact(first.outcome(), "NEGATIVE", "BANK", "WAITING_TIME",
                        "Queue of more than 40 minutes at branch " + client.homeBranch());
            }
        }
        contacts.add(touchpoint(rng, client, start, channel, type, initiator, need, first));

        Instant at = start;
        String outcome = first.outcome();
        boolean wasNegative = "NEGATIVE".equals(first.valence());
        if (!"RESOLVED".equals(outcome) && !"TRANSACTION".equals(type)) {
            int followUps = 1 + (rng.chance(0.35) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0);
            for (int f = 0; f < followUps; f++) {
                at = at.plus(Duration.ofMinutes(90 + (long) rng.exponential(outage ? 1_000 : 2_500)));
                String next = outage && f == 0 ? "CALL_CENTER"
                        : rng.chance(0.5) ? channel : rng.weighted(List.of("CALL_CENTER", "BRANCH", "CHAT", "EMAIL"), 50, 25, 15, 10);
                boolean last = f == followUps - 1;
                Contact c = followUp(rng, client, last, wasNegative, next, at);
                contacts.add(touchpoint(rng, client, dayTime(rng, at, next), next, rng.chance(0.7) ? "SERVICE_REQUEST" : "INQUIRY",
                        "CLIENT", need, c));
                outcome = c.outcome();
                wasNegative |= "NEGATIVE".equals(c.valence());
            }
        }
        if ("RESOLVED".equals(outcome) && rng.chance(0.07)) {
            // failure demand: the same need again within days
            Instant again = at.plus(Duration.ofHours(24 + (long) rng.uniform(0, 120)));
            String ch = channel(rng, client);
            Contact c = new Contact(rng.chance(0.7) ? "RESOLVED" : "UNRESOLVED", rng.chance(0.35) ? "NEGATIVE" : "NEUTRAL",
                    null, null, null);
            c = c.valence().equals("NEGATIVE") ? negative(rng, c.outcome(), ch) : c;
            contacts.add(touchpoint(rng, client, dayTime(rng, again, ch), ch, rng.chance(0.3) ? "COMPLAINT" : "INQUIRY",
                    "CLIENT", need, c));
        }
        if (rng.chance(0.12)) {
            contacts.add(survey(rng, client, at.plus(Duration.ofHours(2 + (long) rng.uniform(0, 48))), need, wasNegative));
        }
        return contacts;
    }

    private record Contact(String outcome, String valence, String cause, String causeDetail, String note) {
    }

    private static double[] typeWeights(String channel) {
        return switch (channel) { // INQUIRY, COMPLAINT, SERVICE_REQUEST, TRANSACTION, PRODUCT_APPLICATION, ADVICE
            case "BRANCH" -> new double[] {18, 5, 30, 12, 13, 22};
            case "CALL_CENTER" -> new double[] {38, 13, 32, 3, 5, 9};
            case "MOBILE_APP" -> new double[] {15, 3, 22, 50, 7, 3};
            case "INTERNET_BANK" -> new double[] {15, 3, 25, 45, 8, 4};
            case "ATM" -> new double[] {0, 2, 8, 90, 0, 0};
            case "CHAT" -> new double[] {50, 8, 30, 2, 4, 6};
            default -> new double[] {40, 15, 35, 0, 5, 5};
        };
    }

    String channel(Rng rng, Profile client) {
        if (client.preferredChannel() != null && rng.chance(0.55)) {
            String preferred = client.preferredChannel();
            return "MOBILE_APP".equals(preferred) && !client.usesApp() ? "INTERNET_BANK" : preferred;
        }
        int age = client.ageOr(45);
        double app = client.usesApp() ? 34 : 0;
        if (age >= 65) {
            return rng.weighted(CH, 40, 22, app / 3, 14, 14, 3, 4);
        }
        return rng.weighted(CH, 16, 18, app, 14, 8, 6, 4);
    }

    private static String need(Rng rng, Profile client, String type, String channel) {
        List<String> n = Vocabulary.NEEDS; // PAYMENTS, CARDS, LENDING, SAVINGS, INSURANCE, INVESTMENTS, DIGITAL_ACCESS, ACCOUNT_SERVICE, OTHER
        if ("ATM".equals(channel)) {
            return rng.weighted(n, 85, 15, 0, 0, 0, 0, 0, 0, 0);
        }
        switch (type) {
            case "TRANSACTION":
                return rng.weighted(n, 80, 15, 0, 5, 0, 0, 0, 0, 0);
            case "PRODUCT_APPLICATION":
                return rng.weighted(n, 0, 25, 35, 20, 10, 10, 0, 0, 0);
            case "ADVICE":
                return rng.weighted(n, 0, 0, 30, 25, 20, 25, 0, 0, 0);
            default:
                boolean digital = "MOBILE_APP".equals(channel) || "INTERNET_BANK".equals(channel);
                return rng.weighted(n, 28, client.holds("DEBIT_CARD") || client.holds("CREDIT_CARD") ? 18 : 4,
                        client.holdsLoan() ? 12 : 3, client.holds("SAVINGS_ACCOUNT") ? 9 : 4,
                        client.holds("INSURANCE") ? 6 : 2, client.holds("INVESTMENT_FUND") ? 6 : 1, digital ? 16 : 6, 15, 7);
        }
    }

    private static Contact firstContact(Rng rng, Profile client, String type, String channel) {
        double resolvedAtOnce = switch (type) {
            case "TRANSACTION" -> 0.96;
            case "INQUIRY" -> 0.85;
            case "SERVICE_REQUEST" -> 0.72;
            case "PRODUCT_APPLICATION" -> 0.55;
            case "ADVICE" -> 0.80;
            default -> 0.35; // COMPLAINT
        };
        String outcome = rng.chance(resolvedAtOnce) ? "RESOLVED"
                : "COMPLAINT".equals(type) ? rng.weighted(List.of("UNRESOLVED", "ESCALATED", "PENDING"), 45, 35, 20)
                : "PRODUCT_APPLICATION".equals(type) || "SERVICE_REQUEST".equals(type) ? rng.weighted(
                        List.of("PENDING", "UNRESOLVED", "ESCALATED"), 70, 22, 8)
                : rng.weighted(List.of("UNRESOLVED", "PENDING", "ESCALATED"), 60, 30, 10);
        if ("COMPLAINT".equals(type)) {
            return negative(rng, outcome, channel);
        }
        double mood = client.mood();
        double positive, negative;
        switch (outcome) {
            case "RESOLVED" -> {
                positive = "TRANSACTION".equals(type) ? 0.12 : clamp(0.40 + 0.08 * mood);
                negative = "TRANSACTION".equals(type) ? 0.015 : clamp(0.03 - 0.01 * mood);
            }
            case "PENDING" -> {
                positive = 0.10;
                negative = 0.06;
            }
            case "UNRESOLVED" -> {
                positive = 0.02;
                negative = clamp(0.30 - 0.05 * mood);
            }
            default -> {
                positive = 0.02;
                negative = 0.40;
            }
        }
        double r = rng.uniform();
        if (r < negative) {
            return negative(rng, outcome, channel);
        }
        if (r < negative + positive) {
            return new Contact(outcome, "POSITIVE", rng.chance(0.35) ? "BANK" : null, null, null);
        }
        return new Contact(outcome, "NEUTRAL", null, null, null);
    }

    private static Contact followUp(Rng rng, Profile client, boolean last, boolean wasNegative, String channel, Instant at) {
        if (!last) {
            return rng.chance(0.2) ? negative(rng, "UNRESOLVED", channel) : new Contact("PENDING", "NEUTRAL", null, null, null);
        }
        if (rng.chance(0.85)) {
            double r = rng.uniform();
            double positive = clamp((wasNegative ? 0.45 : 0.40) + 0.08 * client.mood());
            return r < 0.08 ? negative(rng, "RESOLVED", channel)
                    : r < 0.08 + positive ? new Contact("RESOLVED", "POSITIVE", rng.chance(0.5) ? "BANK" : null, null, null)
                    : new Contact("RESOLVED", "NEUTRAL", null, null, null);
        }
        return rng.chance(0.6) ? negative(rng, "UNRESOLVED", channel) : new Contact("UNRESOLVED", "NEUTRAL", null, null, null);
    }

    /** A negative experience: who caused it (the bank in about 6 of 10), and what, by channel. */
    private static Contact negative(Rng rng, String outcome, String channel) {
        String cause = rng.weighted(Vocabulary.CAUSES, 24, 62, 14);
        if (!"BANK".equals(cause)) {
            return new Contact(outcome, "NEGATIVE", cause, null, null);
        }
        double[] weights = switch (channel) { // WAITING_TIME, ERROR, STAFF, PRODUCT_TERMS, OUTAGE, FEES, PROCESS, COMMUNICATION, OTHER
            case "BRANCH" -> new double[] {30, 10, 14, 8, 1, 10, 15, 9, 3};
            case "CALL_CENTER" -> new double[] {32, 14, 10, 6, 2, 8, 12, 13, 3};
            case "MOBILE_APP" -> new double[] {2, 30, 0, 8, 14, 10, 20, 12, 4};
            case "INTERNET_BANK" -> new double[] {2, 30, 0, 10, 12, 12, 20, 10, 4};
            case "ATM" -> new double[] {5, 25, 0, 0, 55, 10, 0, 0, 5};
            case "CHAT" -> new double[] {20, 15, 12, 6, 4, 8, 15, 17, 3};
            default -> new double[] {25, 12, 8, 8, 0, 10, 15, 20, 2};
        };
        return new Contact(outcome, "NEGATIVE", "BANK", rng.weighted(Vocabulary.CAUSE_DETAILS, weights), null);
    }

    private Payloads.Touchpoint survey(Rng rng, Profile client, Instant at, String need, boolean afterNegative) {
        String channel = rng.weighted(List.of("EMAIL", "MOBILE_APP", "CALL_CENTER"), 50, client.usesApp() ? 40 : 0, 10);
        int nps = (int) Math.round(Math.max(0, Math.min(10, rng.normal(8.0 + 1.2 * client.mood() - (afterNegative ? 2.0 : 0), 1.8))));
        String valence = nps >= 9 ? "POSITIVE" : nps >= 5 ? "NEUTRAL" : "NEGATIVE";
        String cause = null, detail = null;
        if ("NEGATIVE".equals(valence)) {
            cause = "BANK";
            detail = rng.weighted(List.of("FEES", "PRODUCT_TERMS", "WAITING_TIME", "COMMUNICATION", "PROCESS"), 30, 20, 20, 15, 15);
        }
        Integer csat = rng.chance(0.6) ? Math.max(1, Math.min(5, (int) Math.round(1 + nps * 0.4 + rng.normal(0, 0.5)))) : null;
        Instant when = at.isAfter(now) ? now.minus(Duration.ofMinutes(2)) : at;
        return new Payloads.Touchpoint(rng.uuid(), null, when.truncatedTo(ChronoUnit.SECONDS), channel, "SURVEY_RESPONSE",
                "BANK", need, "RESOLVED", valence, cause, detail, csat, nps, null, null);
    }

    private Payloads.Touchpoint touchpoint(Rng rng, Profile client, Instant at, String channel, String type, String initiator,
            String need, Contact c) {
        boolean assisted = "BRANCH".equals(channel) || "CALL_CENTER".equals(channel) || "CHAT".equals(channel);
        Integer csat = null;
        if (rng.chance(assisted ? 0.35 : 0.15) || c.note() != null && rng.chance(0.4)) {
            csat = switch (c.valence()) {
                case "POSITIVE" -> rng.chance(0.65) ? 5 : 4;
                case "NEUTRAL" -> rng.weighted(List.of(3, 4, 5), 25, 55, 20);
                default -> rng.weighted(List.of(1, 2, 3), 55, 35, 10);
            };
        }
        String employee = switch (channel) {
            case "BRANCH" -> String.format(Locale.ROOT, "BR%02d-E%02d", client.homeBranch(), rng.between(1, 12));
            case "CALL_CENTER" -> String.format(Locale.ROOT, "CC-A%03d", rng.between(1, 140));
            case "CHAT" -> String.format(Locale.ROOT, "CHAT-A%02d", rng.between(1, 30));
            default -> null;
        };
        return new Payloads.Touchpoint(rng.uuid(), null, at.truncatedTo(ChronoUnit.SECONDS), channel, type, initiator, need,
                c.outcome(), c.valence(), c.cause(), c.causeDetail(), csat, null, employee, c.note());
    }

    /** Moves a time into the channel's opening hours (branches 8-18 on weekdays, the call centre 7-21, digital any time). */
    private static Instant dayTime(Rng rng, Instant at, String channel) {
        var t = at.atZone(ZoneOffset.UTC);
        int hour = t.getHour();
        if ("BRANCH".equals(channel)) {
            if (t.getDayOfWeek().getValue() >= 6) {
                t = t.plusDays(8 - t.getDayOfWeek().getValue());
            }
            if (hour < 8 || hour >= 18) {
                t = t.withHour(rng.between(8, 17));
            }
        } else if (hour < 7 || hour >= 22) {
            t = t.withHour(rng.between(7, 21));
        }
        return t.toInstant();
    }

    private static double clamp(double p) {
        return Math.max(0.01, Math.min(0.95, p));
    }

    /** One contact now, for the live stream: the first contact of a new need. */
    Payloads.Touchpoint liveContact(Rng rng, Profile client, Instant at) {
        List<Payloads.Touchpoint> episode = episode(rng, client, at, null);
        Payloads.Touchpoint first = episode.get(0);
        return new Payloads.Touchpoint(first.id(), null, at.truncatedTo(ChronoUnit.MILLIS), first.channel(), first.type(),
                first.initiator(), first.need(), first.outcome(), first.valence(), first.cause(), first.causeDetail(),
                first.csat(), first.nps(), first.employeeId(), first.notes());
    }
}
