package org.bankcrm.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The proportions of a generated bank (what {@code crm demo --stats} prints and the tests hold to ranges). */
public final class PopulationStats {
    public final int clients;
    public final Map<String, Double> shares = new LinkedHashMap<>();
    public final Map<String, Double> productHolding = new LinkedHashMap<>();
    public final Map<String, Double> consentOptIn = new LinkedHashMap<>();
    public final Map<String, Double> channelMix = new TreeMap<>();
    public final Map<String, Double> typeMix = new TreeMap<>();
    public final Map<String, Double> valenceMix = new TreeMap<>();
    public final Map<String, Double> bankCauseDetails = new TreeMap<>();
    public final long touchpoints;
    public final double productsPerClient;
    public final double touchpointsPerClient;
    public final double mortgageHoldersWithInsurance;
    public final double profitableShare;
    public final double medianMonthlyProfit;
    public final long outageTouchpoints;
    public final long queueTouchpoints;

    private PopulationStats(List<DemoClient> bank, BadWeeks bad) {
        clients = bank.size();
        share("business clients", bank, c -> c.profile().business());
        for (String band : List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+")) {
            int from = Integer.parseInt(band.substring(0, 2));
            int to = band.endsWith("+") ? 200 : Integer.parseInt(band.substring(3));
            share("age " + band, bank, c -> c.profile().age() != null && c.profile().age() >= from && c.profile().age() <= to);
        }
        for (String bracket : Vocabulary.INCOME_BRACKETS) {
            share("income " + bracket, bank, c -> bracket.equals(c.profile().incomeBracket()));
        }
        share("leaving (balances falling)", bank, DemoClient::leaving);
        share("asked for next best actions during the load", bank, c -> c.decisionChannel() != null);
        for (String product : Vocabulary.PRODUCT_TYPES) {
            productHolding.put(product, fraction(bank, c -> c.profile().holds(product)));
        }
        consentOptIn.put("marketingEmail", fraction(bank, c -> c.registration().consents().marketingEmail()));
        consentOptIn.put("marketingSms", fraction(bank, c -> c.registration().consents().marketingSms()));
        consentOptIn.put("marketingPush", fraction(bank, c -> c.registration().consents().marketingPush()));
        consentOptIn.put("marketingPhone", fraction(bank, c -> c.registration().consents().marketingPhone()));
        consentOptIn.put("profiling", fraction(bank, c -> c.registration().consents().profiling()));
        productsPerClient = bank.stream().mapToInt(c -> c.products().size()).average().orElse(0);
        long mortgage = bank.stream().filter(c -> c.profile().holds("MORTGAGE")).count();
        mortgageHoldersWithInsurance = mortgage == 0 ? 0
                : bank.stream().filter(c -> c.profile().holds("MORTGAGE") && c.profile().holds("INSURANCE")).count() / (double) mortgage;
        List<Payloads.Touchpoint> all = new ArrayList<>();
        bank.forEach(c -> all.addAll(c.touchpoints()));
        touchpoints = all.size();
        touchpointsPerClient = all.size() / (double) Math.max(1, clients);
        mix(channelMix, all, Payloads.Touchpoint::channel);
        mix(typeMix, all, Payloads.Touchpoint::type);
        mix(valenceMix, all, Payloads.Touchpoint::valence);
        List<Payloads.Touchpoint> negatives = all.stream().filter(t -> "NEGATIVE".equals(t.valence())).toList();
        List<Payloads.Touchpoint> normal = all.stream().filter(t -> !bad.outage(t.occurredAt())
                && !(t.occurredAt().isAfter(bad.queuesFrom()) && t.occurredAt().isBefore(bad.queuesTo()))).toList();
        shares.put("negative experiences outside the bad weeks", normal.isEmpty() ? 0
                : normal.stream().filter(t -> "NEGATIVE".equals(t.valence())).count() / (double) normal.size());
        shares.put("negative experiences caused by the bank",
                negatives.isEmpty() ? 0 : negatives.stream().filter(t -> "BANK".equals(t.cause())).count() / (double) negatives.size());
        shares.put("touchpoints with a CSAT answer", all.isEmpty() ? 0 : all.stream().filter(t -> t.csat() != null).count() / (double) all.size());
        shares.put("touchpoints over crm.touchpoint.ingest.v1", all.isEmpty() ? 0
                : all.stream().filter(TouchpointIngest::viaTopic).count() / (double) all.size());
        mix(bankCauseDetails, negatives.stream().filter(t -> "BANK".equals(t.cause())).toList(), Payloads.Touchpoint::causeDetail);
        outageTouchpoints = all.stream().filter(t -> "OUTAGE".equals(t.causeDetail()) && bad.outage(t.occurredAt())).count();
        queueTouchpoints = all.stream().filter(t -> t.notes() != null && t.notes().startsWith("Queue")).count();
        List<Double> profits = new ArrayList<>();
        for (DemoClient c : bank) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Payloads.RecordFinancials m : c.financials()) {
                sum = sum.add(m.revenue()).subtract(m.costToServe());
            }
            profits.add(sum.doubleValue() / 12);
        }
        profitableShare = profits.stream().filter(p -> p > 0).count() / (double) Math.max(1, clients);
        medianMonthlyProfit = profits.stream().sorted().skip(profits.size() / 2).findFirst().orElse(0.0);
    }

    public static PopulationStats of(List<DemoClient> bank, BadWeeks bad) {
        return new PopulationStats(bank, bad);
    }

    private void share(String name, List<DemoClient> bank, Predicate<DemoClient> test) {
        shares.put(name, fraction(bank, test));
    }

    private static double fraction(List<DemoClient> bank, Predicate<DemoClient> test) {
        return bank.isEmpty() ? 0 : bank.stream().filter(test).count() / (double) bank.size();
    }

    private static void mix(Map<String, Double> into, List<Payloads.Touchpoint> touchpoints,
            java.util.function.Function<Payloads.Touchpoint, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        touchpoints.forEach(t -> counts.merge(String.valueOf(key.apply(t)), 1L, Long::sum));
        counts.forEach((k, n) -> into.put(k, n / (double) Math.max(1, touchpoints.size())));
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%,d clients, %.2f products per client, %,d touchpoints (%.1f per client) in the last %d days%n",
                clients, productsPerClient, touchpoints, touchpointsPerClient, TouchpointGenerator.HISTORY.toDays());
        shares.forEach((k, v) -> out.printf(Locale.ROOT, "  %-48s %5.1f %%%n", k, 100 * v));
        out.println("Products held (share of clients):");
        productHolding.forEach((k, v) -> out.printf(Locale.ROOT, "  %-48s %5.1f %%%n", k, 100 * v));
        out.printf(Locale.ROOT, "  %-48s %5.1f %%%n", "mortgage holders with insurance", 100 * mortgageHoldersWithInsurance);
        out.println("Consents given at registration:");
        consentOptIn.forEach((k, v) -> out.printf(Locale.ROOT, "  %-48s %5.1f %%%n", k, 100 * v));
        out.printf(Locale.ROOT, "Financials: %.1f %% of clients profitable over the 12 months; median profit %.2f a month%n",
                100 * profitableShare, medianMonthlyProfit);
        print(out, "Touchpoints by channel:", channelMix);
        print(out, "Touchpoints by type:", typeMix);
        print(out, "Touchpoints by valence:", valenceMix);
        print(out, "Bank-caused negative experiences by cause detail:", bankCauseDetails);
        out.printf(Locale.ROOT, "Bad weeks: %,d app-outage touchpoints; %,d negative waiting-time visits at the queued branch%n",
                outageTouchpoints, queueTouchpoints);
    }

    private static void print(PrintStream out, String title, Map<String, Double> mix) {
        out.println(title);
        mix.forEach((k, v) -> out.printf(Locale.ROOT, "  %-48s %5.1f %%%n", k, 100 * v));
    }
}
