package org.bankcrm.offer.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.ChannelFeatures;
import org.bankcrm.offer.domain.ClientFeatures;
import org.bankcrm.offer.domain.OfferContacts;
import org.bankcrm.offer.domain.OfferResponse;
import org.bankcrm.offer.domain.ClientSnapshot;
import org.bankcrm.offer.domain.Consents;
import org.bankcrm.offer.domain.ContactHistory;
import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.Demographics;
import org.bankcrm.offer.domain.PastContact;
import org.bankcrm.offer.domain.NextBestAction;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferCondition;
import org.bankcrm.offer.domain.OfferTerms;
import org.bankcrm.offer.domain.PropensityModel;
import org.bankcrm.offer.domain.ScoringWeights;
import org.bankcrm.offer.domain.policy.AvailableOnChannel;
import org.bankcrm.offer.domain.policy.MeetsEligibilityConditions;
import org.bankcrm.offer.domain.policy.NeverSellAProductAlreadyHeld;
import org.bankcrm.offer.domain.policy.NoSalesDuringOpenComplaint;
import org.bankcrm.offer.domain.policy.ReofferCooldown;
import org.bankcrm.offer.domain.policy.RequiresMarketingConsent;
import org.bankcrm.offer.domain.policy.WeeklySalesCap;
import org.bankcrm.offer.domain.policy.WithinValidity;

/**
 * Replays the UCI Bank Marketing contacts (bank-additional-full.csv, in time order) through offer-service's decision
 * pipeline ({@link NextBestAction}: the policies, the score and arbitration) and its response path (the offer's
 * {@link PropensityModel} learns the answer): for each row, the propensity before the answer (the posterior mean, and
 * the Thompson sample the decision used), then {@code y} is learnt as ACCEPTED or DECLINED.
 * Prints the online AUC and the share of subscribers in the top-scored half. {@code duration} is never used.
 *
 * <pre>java -cp offer-service/target/classes org.bankcrm.offer.tools.BankMarketingReplay ../shared/data/bank-marketing/bank-additional-full.csv [weightPrecision]</pre>
 */
public final class BankMarketingReplay {
    private static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("job", List.of("admin.", "blue-collar", "entrepreneur", "housemaid", "management", "retired",
                "self-employed", "services", "student", "technician", "unemployed", "unknown"));
        CATEGORIES.put("marital", List.of("divorced", "married", "single", "unknown"));
        CATEGORIES.put("education", List.of("basic.4y", "basic.6y", "basic.9y", "high.school", "illiterate",
                "professional.course", "university.degree", "unknown"));
        CATEGORIES.put("default", List.of("no", "yes", "unknown"));
        CATEGORIES.put("housing", List.of("no", "yes", "unknown"));
        CATEGORIES.put("loan", List.of("no", "yes", "unknown"));
        CATEGORIES.put("contact", List.of("cellular", "telephone"));
        CATEGORIES.put("month", List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"));
        CATEGORIES.put("day_of_week", List.of("mon", "tue", "wed", "thu", "fri"));
        CATEGORIES.put("poutcome", List.of("failure", "nonexistent", "success"));
    }

    /** The CRM's age bands, so the replay sees the client the way the read model does. */
    private static final int[] AGE_BAND_STARTS = { 18, 25, 35, 45, 55, 65 };

    private BankMarketingReplay() {
    }

    /**
     * What the model sees of a row. {@code REPLAY}: the replay's own map of every column. {@code SERVICE_CLIENT}: the
     * running service's vector with only what it knew before contact history and decision context (age band, held
     * loans, channel). {@code SERVICE}: the running service's vector with {@code campaign}, {@code pdays},
     * {@code previous}, {@code poutcome} as the contact history, {@code month}, {@code day_of_week} as the decision's
     * date and {@code contact} as the channel's context feature {@code reachedOnMobile}. {@code SERVICE_LIVE}: what
     * {@code crm demo --replay-bank-marketing} sends the running service: the profile (job → occupation, marital,
     * education), the economy and {@code contact} as context features, the contact history as dated answers (the
     * previous campaign's calls {@code pdays} ago, the last with {@code poutcome} that the model learns; every earlier
     * call of a campaign INTERESTED: the client was called again, so it had no final answer, and is not learnt), every
     * decision taken at one moment for a call planned on the next date with the
     * row's {@code month} and {@code day_of_week} ({@code context.contactDate}, as the live replay sends it).
     */
    public enum FeatureMap {
        REPLAY, SERVICE_CLIENT, SERVICE, SERVICE_LIVE
    }

    /** The service's default cap on the days since the last contact (crm.offer.model.days-since-contact-cap). */
    private static final int DAYS_SINCE_CONTACT_CAP = 365;
    /** The service's default allow-list entry the call's {@code contact} type maps to. */
    private static final ChannelFeatures TOLD = new ChannelFeatures(Map.of("reachedOnMobile", new ChannelFeatures.Range(0, 1)));
    /** The service's default crm.offer.model.context-bands (0 with -Dcontext-bands=0: linear only). */
    private static final int CONTEXT_BANDS = Integer.getInteger("context-bands", 4);
    /** The service's default allow-list (application.properties): the dialled line and the economy. */
    private static final ChannelFeatures TOLD_LIVE = new ChannelFeatures(Map.of("reachedOnMobile", new ChannelFeatures.Range(0, 1),
            "employmentVariationRate", new ChannelFeatures.Range(-4, 2), "consumerPriceIndex", new ChannelFeatures.Range(92, 95),
            "consumerConfidenceIndex", new ChannelFeatures.Range(-55, -25), "euribor3m", new ChannelFeatures.Range(0, 6),
            "employedThousands", new ChannelFeatures.Range(4900, 5300)), CONTEXT_BANDS);
    /** The one moment every SERVICE_LIVE decision is dated at, as a live replay's are (a Sunday in December). */
    private static final Instant LIVE_NOW = Instant.parse("2026-12-06T12:00:00Z");

    /** Sees every answer the model learns, in order: its vector, the answer, and whether it was a scored call (a row). */
    @FunctionalInterface
    public interface Answers {
        Answers NONE = (x, accepted, scored) -> { };

        void learnt(double[] x, boolean accepted, boolean scored);
    }

    public record Result(int rows, int subscribers, double aucMean, double aucSampled, double topHalfShareMean,
            double lastQuarterAucMean) {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/bank-marketing/bank-additional-full.csv");
        double weightPrecision = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        double keep = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        long started = System.nanoTime();
        List<String> lines = Files.readAllLines(csv);
        for (FeatureMap map : FeatureMap.values()) {
            Result r = replay(lines, weightPrecision, keep, new Random(42), map);
            System.out.printf("== features: %s%n", map);
            System.out.printf("rows %d, subscribers %d (%.1f %%)%n", r.rows(), r.subscribers(), 100.0 * r.subscribers() / r.rows());
            System.out.printf("online AUC of the propensity before each answer: posterior mean %.4f, Thompson sample %.4f%n",
                    r.aucMean(), r.aucSampled());
            System.out.printf("online AUC over the last quarter of the rows (posterior mean): %.4f%n", r.lastQuarterAucMean());
            System.out.printf("share of subscribers in the top-scored half (posterior mean): %.1f %%%n", 100 * r.topHalfShareMean());
        }
        System.out.printf("replayed in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    public static Result replay(List<String> lines, double weightPrecision, Random random) {
        return replay(lines, weightPrecision, random, FeatureMap.REPLAY);
    }

    public static Result replay(List<String> lines, double weightPrecision, Random random, FeatureMap map) {
        return replay(lines, weightPrecision, 1.0, random, map);
    }

    /** {@code keep}: the share of each precision kept per answer (crm.offer.model.forgetting; 1 = none). */
    public static Result replay(List<String> lines, double weightPrecision, double keep, Random random, FeatureMap map) {
        return replay(lines, weightPrecision, keep, random, map, Answers.NONE);
    }

    /** As above, showing {@code answers} every answer learnt: other learners can be compared on the same sequence. */
    public static Result replay(List<String> lines, double weightPrecision, double keep, Random random, FeatureMap map,
            Answers answers) {
        String[] header = unquote(lines.get(0).split(";"));
        Map<String, Integer> column = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            column.put(header[i], i);
        }
        int size = map == FeatureMap.REPLAY ? features(header, column, unquote(lines.get(1).split(";"))).length
                : map == FeatureMap.SERVICE ? ClientFeatures.names(TOLD).size()
                : map == FeatureMap.SERVICE_LIVE ? ClientFeatures.names(TOLD_LIVE).size() : ClientFeatures.SIZE;
        // the campaign offered the term deposit to every row: eligibility "anyone", on the phone, the catalogue's value and Beta(6, 94) prior
        OfferTerms termDeposit = new OfferTerms(UUID.fromString("00000000-0000-4000-8000-000000000103"), "TERM_DEPOSIT_12M",
                OfferCategory.SALES, "TERM_DEPOSIT", OfferCondition.ANYONE, EnumSet.of(Channel.CALL_CENTER), 90, null, null, 6, 94);
        PropensityModel model = PropensityModel.fromPrior(size, termDeposit.priorAccepted(), termDeposit.priorDeclined(),
                weightPrecision);
        double[] priorPrecision = model.precision();
        double[][] current = new double[1][];
        ScoringWeights weights = new ScoringWeights(200, 0.1, 1.2, 5.0, 1.2, 1.5, 0.3, 1.5, 1.5, Duration.ofDays(14));
        NextBestAction pipeline = new NextBestAction(List.of(new WithinValidity(), new AvailableOnChannel(),
                new MeetsEligibilityConditions(), new NeverSellAProductAlreadyHeld(), new RequiresMarketingConsent(),
                new NoSalesDuringOpenComplaint(Duration.ofDays(14)), new ReofferCooldown(Duration.ofDays(30)),
                new WeeklySalesCap(3)), weights, (context, offer, recovery) -> current[0]);
        Instant now = Instant.parse("2010-11-30T12:00:00Z");
        int n = lines.size() - 1;
        double[] mean = new double[n];
        double[] sampled = new double[n];
        boolean[] yes = new boolean[n];
        int decided = 0;
        int year = 2008;
        int lastMonth = 0;
        for (int row = 0; row < n; row++) {
            String[] values = unquote(lines.get(row + 1).split(";"));
            ClientSnapshot client = new ClientSnapshot(UUID.randomUUID(), "INDIVIDUAL", ageBand(values[column.get("age")]),
                    null, new Consents(false, false, false, true, true), held(values, column), Set.of(), null, null, null,
                    null, null, null, 0, null, null);
            // rows are in time order from May 2008: a month earlier than the last one is the next year
            int month = CATEGORIES.get("month").indexOf(values[column.get("month")]) + 1;
            year += month < lastMonth ? 1 : 0;
            lastMonth = month;
            Instant at = callDate(year, month, values[column.get("day_of_week")]);
            boolean mobile = "cellular".equals(values[column.get("contact")]);
            current[0] = switch (map) {
                case REPLAY -> features(header, column, values);
                case SERVICE_CLIENT -> ClientFeatures.of(client, Channel.CALL_CENTER, false);
                case SERVICE -> ClientFeatures.of(new DecisionContext(client, Channel.CALL_CENTER, "REQUEST", at,
                        ContactHistory.NONE, null, Map.of("reachedOnMobile", mobile ? 1.0 : 0.0)), false,
                        contacts(values, column), DAYS_SINCE_CONTACT_CAP, TOLD);
                case SERVICE_LIVE -> live(values, column, client, termDeposit, model, keep, priorPrecision, answers,
                        contactDate(LocalDate.ofInstant(LIVE_NOW, ZoneOffset.UTC), values[column.get("month")],
                                values[column.get("day_of_week")]));
            };
            DecisionContext context = new DecisionContext(client, Channel.CALL_CENTER, "REQUEST", now, ContactHistory.NONE);
            var outcome = pipeline.decide(List.of(new NextBestAction.Candidate(termDeposit, model)), context, 1, false, random);
            mean[row] = model.expected(current[0]);
            sampled[row] = outcome.actions().isEmpty() ? 0 : outcome.actions().get(0).components().propensity();
            decided += outcome.actions().size();
            yes[row] = "yes".equals(values[column.get("y")]);
            // the response path: ACCEPTED (y = yes) or DECLINED teaches the offer's model
            answers.learnt(current[0], yes[row], true);
            model.update(current[0], yes[row], keep, priorPrecision);
        }
        if (decided != n) {
            throw new IllegalStateException((n - decided) + " rows were not offered the term deposit by the pipeline");
        }
        int subscribers = 0;
        for (boolean y : yes) {
            subscribers += y ? 1 : 0;
        }
        int from = n * 3 / 4;
        return new Result(n, subscribers, auc(mean, yes, 0, n), auc(sampled, yes, 0, n), topHalfShare(mean, yes),
                auc(mean, yes, from, n));
    }

    /**
     * SERVICE_LIVE: the row as the live replay sends it; the model first learns the row's earlier calls (each a decision
     * and a dated answer in the live replay), then the returned vector is the call's.
     */
    static double[] live(String[] v, Map<String, Integer> column, ClientSnapshot known, OfferTerms offer, PropensityModel model,
            double keep, double[] priorPrecision, Answers answers, LocalDate contactDate) {
        ClientSnapshot client = new ClientSnapshot(known.clientId(), known.clientType(), known.ageBand(),
                incomeBracket(v[column.get("job")]),
                known.consents(), known.heldProducts(), known.segments(), null, null, null, null, null, null, 0, null, null,
                new Demographics(occupation(v[column.get("job")]), marital(v[column.get("marital")]),
                        education(v[column.get("education")]), null, null));
        Map<String, Double> told = Map.of("reachedOnMobile", "cellular".equals(v[column.get("contact")]) ? 1.0 : 0.0,
                "employmentVariationRate", Double.parseDouble(v[column.get("emp.var.rate")]),
                "consumerPriceIndex", Double.parseDouble(v[column.get("cons.price.idx")]),
                "consumerConfidenceIndex", Double.parseDouble(v[column.get("cons.conf.idx")]),
                "euribor3m", Double.parseDouble(v[column.get("euribor3m")]),
                "employedThousands", Double.parseDouble(v[column.get("nr.employed")]));
        int campaign = Integer.parseInt(v[column.get("campaign")]);
        int pdays = Integer.parseInt(v[column.get("pdays")]);
        int previous = Integer.parseInt(v[column.get("previous")]);
        List<PastContact> history = new ArrayList<>();
        if (pdays != 999 && previous > 0) {
            for (int k = 0; k < previous; k++) {
                OfferResponse.Outcome outcome = k < previous - 1 ? OfferResponse.Outcome.INTERESTED
                        : switch (v[column.get("poutcome")]) {
                            case "success" -> OfferResponse.Outcome.ACCEPTED;
                            case "failure" -> OfferResponse.Outcome.DECLINED;
                            default -> OfferResponse.Outcome.IGNORED;
                        };
                history.add(new PastContact(offer.id(), offer.category(), Channel.CALL_CENTER, outcome,
                        LIVE_NOW.minus(Duration.ofDays(pdays).plusHours(1).plusMinutes(previous - k))));
            }
        }
        double window = pdays != 999 && previous > 0 ? Math.max(0.5, Math.min(28, pdays)) : 28;
        for (int j = campaign - 1; j >= 1; j--) {
            history.add(new PastContact(offer.id(), offer.category(), Channel.CALL_CENTER, OfferResponse.Outcome.INTERESTED,
                    LIVE_NOW.minus(Duration.ofMinutes(Math.round(window * 24 * 60 * j / campaign)))));
        }
        for (int k = 0; k < history.size(); k++) {
            // the response path learns every answer but INTERESTED (no final answer)
            if (history.get(k).outcome() != OfferResponse.Outcome.INTERESTED) {
                double[] x = liveVector(client, history.subList(0, k), offer, told, contactDate);
                boolean accepted = history.get(k).outcome() == OfferResponse.Outcome.ACCEPTED;
                answers.learnt(x, accepted, false);
                model.update(x, accepted, keep, priorPrecision);
            }
        }
        return liveVector(client, history, offer, told, contactDate);
    }

    private static double[] liveVector(ClientSnapshot client, List<PastContact> history, OfferTerms offer,
            Map<String, Double> told, LocalDate contactDate) {
        DecisionContext context = new DecisionContext(client, Channel.CALL_CENTER, "REQUEST", LIVE_NOW,
                new ContactHistory(Map.of(), 0, List.copyOf(history)), null, told, contactDate);
        return ClientFeatures.of(context, false, OfferContacts.of(history, offer, LIVE_NOW), DAYS_SINCE_CONTACT_CAP, TOLD_LIVE);
    }

    /** The income bracket the live replay registers for a job (the data has no income). */
    static String incomeBracket(String job) {
        return switch (job) {
            case "management", "entrepreneur" -> "UPPER_MIDDLE";
            case "admin.", "technician", "self-employed" -> "MIDDLE";
            case "blue-collar", "services", "housemaid", "retired", "student", "unemployed" -> "LOW";
            default -> null;
        };
    }

    static String occupation(String job) {
        return switch (job) {
            case "admin.", "blue-collar", "technician", "services", "housemaid" -> "EMPLOYEE";
            case "management" -> "MANAGER";
            case "self-employed" -> "SELF_EMPLOYED";
            case "entrepreneur" -> "ENTREPRENEUR";
            case "retired" -> "RETIRED";
            case "student" -> "STUDENT";
            case "unemployed" -> "UNEMPLOYED";
            default -> null;
        };
    }

    static String marital(String marital) {
        return switch (marital) {
            case "single" -> "SINGLE";
            case "married" -> "MARRIED";
            case "divorced" -> "DIVORCED";
            default -> null;
        };
    }

    static String education(String education) {
        return switch (education) {
            case "illiterate", "basic.4y", "basic.6y" -> "PRIMARY";
            case "basic.9y", "high.school", "professional.course" -> "SECONDARY";
            case "university.degree" -> "TERTIARY";
            default -> null;
        };
    }

    /**
     * The row's contact history as the service would have recorded it: {@code campaign - 1} earlier calls of this
     * campaign (unanswered, so no outcome) plus the {@code previous} campaign's calls when {@code pdays} is within the
     * window; the last answered contact {@code pdays} days ago (999: never) with {@code poutcome} success as ACCEPTED
     * and failure as DECLINED. One offer, so its category's counts are its own.
     */
    static OfferContacts contacts(String[] v, Map<String, Integer> column) {
        int campaign = Integer.parseInt(v[column.get("campaign")]);
        int pdays = Integer.parseInt(v[column.get("pdays")]);
        int previous = Integer.parseInt(v[column.get("previous")]);
        boolean contactedBefore = pdays != 999;
        int last30 = campaign - 1 + (contactedBefore && pdays <= 30 ? previous : 0);
        int last90 = campaign - 1 + (contactedBefore && pdays <= 90 ? previous : 0);
        OfferResponse.Outcome outcome = switch (v[column.get("poutcome")]) {
            case "success" -> OfferResponse.Outcome.ACCEPTED;
            case "failure" -> OfferResponse.Outcome.DECLINED;
            default -> null;
        };
        return new OfferContacts(last30, last90, last30, last90, contactedBefore ? (long) pdays : null,
                contactedBefore ? outcome : null, contactedBefore ? Channel.CALL_CENTER : null);
    }

    /**
     * The planned contact date of a row as the live replay sends it: the next date on or after {@code today} in the
     * row's month ({@code jan} … {@code dec}) on its weekday ({@code mon} … {@code fri}); always within a year.
     */
    public static LocalDate contactDate(LocalDate today, String month, String weekday) {
        int m = CATEGORIES.get("month").indexOf(month) + 1;
        DayOfWeek day = DayOfWeek.of(CATEGORIES.get("day_of_week").indexOf(weekday) + 1);
        LocalDate date = today.with(TemporalAdjusters.nextOrSame(day));
        while (date.getMonthValue() != m) {
            date = date.plusWeeks(1);
        }
        return date;
    }

    /** The first day of the month with the row's weekday: the data has month and weekday, not the date. */
    static Instant callDate(int year, int month, String weekday) {
        DayOfWeek day = DayOfWeek.of(CATEGORIES.get("day_of_week").indexOf(weekday) + 1);
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.firstInMonth(day)).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private static String ageBand(String age) {
        int years = Integer.parseInt(age);
        if (years < 18) {
            return "AGE_14_17";
        }
        String[] bands = { "AGE_18_24", "AGE_25_34", "AGE_35_44", "AGE_45_54", "AGE_55_64", "AGE_65_PLUS" };
        for (int i = AGE_BAND_STARTS.length - 1; i >= 0; i--) {
            if (years >= AGE_BAND_STARTS[i]) {
                return bands[i];
            }
        }
        return "UNKNOWN";
    }

    private static Set<String> held(String[] values, Map<String, Integer> column) {
        Set<String> held = new java.util.HashSet<>();
        if ("yes".equals(values[column.get("housing")])) {
            held.add("MORTGAGE");
        }
        if ("yes".equals(values[column.get("loan")])) {
            held.add("CONSUMER_LOAN");
        }
        return held;
    }

    static double[] features(String[] header, Map<String, Integer> column, String[] v) {
        List<Double> x = new ArrayList<>();
        x.add(1.0);
        int age = Integer.parseInt(v[column.get("age")]);
        for (int i = 0; i < AGE_BAND_STARTS.length; i++) {
            int end = i + 1 < AGE_BAND_STARTS.length ? AGE_BAND_STARTS[i + 1] : Integer.MAX_VALUE;
            x.add(age >= AGE_BAND_STARTS[i] && age < end ? 1.0 : 0.0);
        }
        for (var category : CATEGORIES.entrySet()) {
            String value = v[column.get(category.getKey())];
            for (String level : category.getValue()) {
                x.add(level.equals(value) ? 1.0 : 0.0);
            }
        }
        double campaign = Double.parseDouble(v[column.get("campaign")]);
        double pdays = Double.parseDouble(v[column.get("pdays")]);
        double previous = Double.parseDouble(v[column.get("previous")]);
        x.add(Math.log1p(campaign) / 2);
        x.add(pdays == 999 ? 0.0 : 1.0);
        x.add(pdays == 999 ? 0.0 : Math.min(pdays, 30) / 30);
        x.add(Math.min(previous, 5) / 5);
        // the economic context of the call, on fixed scales (the data's documented ranges)
        x.add(Double.parseDouble(v[column.get("emp.var.rate")]) / 3.4);
        x.add((Double.parseDouble(v[column.get("cons.price.idx")]) - 93.6) / 0.6);
        x.add((Double.parseDouble(v[column.get("cons.conf.idx")]) + 40.5) / 4.6);
        x.add((Double.parseDouble(v[column.get("euribor3m")]) - 3.0) / 2.0);
        x.add((Double.parseDouble(v[column.get("nr.employed")]) - 5167) / 72);
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Mann-Whitney AUC with ties counted half. */
    static double auc(double[] score, boolean[] positive, int from, int to) {
        Integer[] order = new Integer[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = order.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    static double topHalfShare(double[] score, boolean[] positive) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        int all = 0;
        int top = 0;
        for (int i = 0; i < order.length; i++) {
            if (positive[order[i]]) {
                all++;
                top += i < order.length / 2 ? 1 : 0;
            }
        }
        return (double) top / all;
    }

    private static String[] unquote(String[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i].replace("\"", "");
        }
        return values;
    }
}
