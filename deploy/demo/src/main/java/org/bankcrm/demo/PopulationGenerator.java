package org.bankcrm.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A retail bank's clients, drawn from published-looking proportions (see deploy/local/README.md, "The demo
 * bank"): age and type, income bracket by age, tenure, preferred channel by age, consents, products with their
 * usual co-occurrence (current account nearly always, a card with it, mortgages for young families, savings
 * and investments rising with age and income), twelve months of financials consistent with what is held and
 * earned, and the touchpoints of the last weeks ({@link TouchpointGenerator}).
 *
 * <p>Client {@code i} depends only on (seed, i, now): the same seed gives the same bank, and a bigger
 * population begins with the same clients.
 */
public final class PopulationGenerator {
    static final int HOME_BRANCHES = 12;

    private static final List<String> FIRST_NAMES = List.of("Jana", "Petr", "Eva", "Jan", "Marie", "Tomáš", "Lucie",
            "Martin", "Anna", "Pavel", "Kateřina", "Jakub", "Tereza", "Lukáš", "Veronika", "David", "Hana", "Michal",
            "Lenka", "Ondřej", "Zuzana", "Jiří", "Barbora", "Filip", "Alena", "Vojtěch", "Klára", "Adam", "Monika",
            "Matěj", "Sofia", "Lars", "Ingrid", "Marco", "Giulia", "Pierre", "Camille", "Miguel", "Elena", "Sean");
    private static final List<String> LAST_NAMES = List.of("Novák", "Svoboda", "Novotný", "Dvořák", "Černý",
            "Procházka", "Kučera", "Veselý", "Horák", "Němec", "Marek", "Pospíšil", "Pokorný", "Hájek", "Král",
            "Jelínek", "Růžička", "Beneš", "Fiala", "Sedláček", "Doležal", "Zeman", "Kolář", "Navrátil", "Čermák",
            "Müller", "Schmidt", "Rossi", "Dubois", "García", "Nowak", "Kowalski", "Hansen", "Murphy", "Costa");
    private static final List<String> BUSINESS_WORDS = List.of("Stavby", "Pekárna", "Autoservis", "Design", "Logistika",
            "Truhlářství", "Kavárna", "Consulting", "Elektro", "Zahrady", "Software", "Účetnictví", "Instalatérství");
    private static final List<String> LEGAL_FORMS = List.of("s.r.o.", "a.s.", "v.o.s.", "OSVČ");

    private final long seed;
    private final Instant now;
    private final LocalDate today;
    private final TouchpointGenerator touchpoints;

    public PopulationGenerator(long seed, Instant now) {
        this.seed = seed;
        this.now = now;
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.touchpoints = new TouchpointGenerator(BadWeeks.endingAt(now), now);
    }

    public Instant now() {
        return now;
    }

    public BadWeeks badWeeks() {
        return touchpoints.badWeeks();
    }

    public List<DemoClient> generate(int clients) {
        List<DemoClient> all = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            all.add(client(i));
        }
        return all;
    }

    /** Client {@code index} of this seed; independent of the others. */
    public DemoClient client(int index) {
        Rng rng = Rng.forClient(seed, index);
        boolean business = rng.chance(0.08);
        Integer age = business ? null : drawAge(rng);
        String bracket = business ? rng.weighted(Vocabulary.INCOME_BRACKETS, 10, 40, 32, 18) : drawBracket(rng, age);
        double income = monthlyIncome(rng, bracket, business);
        int tenureDays = (int) Math.min(business ? 30 * 365 : Math.max(30, (age - 14) * 365),
                Math.max(20, rng.exponential(9 * 365)));
        LocalDate customerSince = today.minusDays(tenureDays);
        String preferred = rng.chance(0.1) ? null : preferredChannel(rng, age, business);
        int ageForUse = age == null ? 45 : age;
        boolean usesApp = "MOBILE_APP".equals(preferred)
                || rng.chance(ageForUse < 35 ? 0.75 : ageForUse < 55 ? 0.55 : ageForUse < 65 ? 0.3 : 0.12);
        int homeBranch = rng.weighted(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                24, 11, 10, 9, 8, 7, 7, 6, 5, 5, 4, 4);
        double mood = rng.normal(0, 1);
        boolean leaving = rng.chance(0.06);

        List<Payloads.OpenProduct> products = products(rng, business, age, bracket, income, customerSince);
        Set<String> held = new LinkedHashSet<>();
        products.forEach(p -> held.add(p.type()));
        Profile profile = new Profile(business ? "BUSINESS" : "INDIVIDUAL", age, bracket, preferred, held, homeBranch, mood,
                usesApp);

        String ref = String.format(Locale.ROOT, "DEMO-%d-%07d", seed, index);
        String first = rng.pick(FIRST_NAMES);
        String last = rng.pick(LAST_NAMES);
        String fullName = business ? last + " " + rng.pick(BUSINESS_WORDS) + " " + rng.pick(LEGAL_FORMS)
                : first + " " + last;
        String email = rng.chance(0.9) ? ascii(business ? "info." + last : first + "." + last) + "." + index + "@example.org"
                : null;
        String phone = rng.chance(0.93) ? "+4206" + String.format(Locale.ROOT, "%08d", rng.between(0, 99_999_999)) : null;
        LocalDate birthDate = business ? null : today.minusYears(age).minusDays(rng.between(1, 364));
        Payloads.Consents consents = consents(rng, usesApp, business);
        Payloads.RegisterClient registration = new Payloads.RegisterClient(ref, profile.type(), fullName, birthDate, email,
                phone, bracket, customerSince, consents, preferred);

        List<Payloads.RecordFinancials> months = financials(rng, profile, products, income, leaving);
        Payloads.ChangeConsents change = consentChange(rng, consents, usesApp);
        List<Payloads.Touchpoint> contacts = touchpoints.history(rng, profile, customerSince);
        String decisionChannel = rng.chance(0.12) ? decisionChannel(rng, preferred) : null;
        return new DemoClient(index, profile, registration, products, months, change, contacts, decisionChannel,
                rng.uniform(), leaving);
    }

    // --- who they are

    static int drawAge(Rng rng) {
        int[][] bands = {{15, 17}, {18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 64}, {65, 74}, {75, 90}};
        int[] band = rng.weighted(List.of(bands), 1, 10, 16, 18, 17, 16, 13, 9);
        return rng.between(band[0], band[1]);
    }

    static String drawBracket(Rng rng, int age) {
        List<String> b = Vocabulary.INCOME_BRACKETS;
        if (age < 18) {
            return "LOW";
        } else if (age < 25) {
            return rng.weighted(b, 65, 30, 4, 1);
        } else if (age < 35) {
            return rng.weighted(b, 28, 47, 19, 6);
        } else if (age < 45) {
            return rng.weighted(b, 20, 45, 25, 10);
        } else if (age < 55) {
            return rng.weighted(b, 20, 42, 26, 12);
        } else if (age < 65) {
            return rng.weighted(b, 26, 44, 21, 9);
        } else if (age < 75) {
            return rng.weighted(b, 42, 42, 12, 4);
        }
        return rng.weighted(b, 55, 35, 8, 2);
    }

    /** Net monthly income in euros (a business: monthly turnover). */
    static double monthlyIncome(Rng rng, String bracket, boolean business) {
        double median = switch (bracket) {
            case "LOW" -> 1_000;
            case "MIDDLE" -> 1_900;
            case "UPPER_MIDDLE" -> 3_500;
            default -> 7_500;
        };
        return business ? rng.logNormal(median * 10, 0.8) : rng.logNormal(median, bracket.equals("HIGH") ? 0.4 : 0.2);
    }

    static String preferredChannel(Rng rng, Integer age, boolean business) {
        List<String> c = Vocabulary.CHANNELS; // BRANCH, CALL_CENTER, MOBILE_APP, INTERNET_BANK, ATM, CHAT, EMAIL
        if (business) {
            return rng.weighted(c, 20, 10, 25, 43, 0, 1, 1);
        } else if (age < 35) {
            return rng.weighted(c, 5, 3, 70, 15, 2, 4, 1);
        } else if (age < 55) {
            return rng.weighted(c, 12, 6, 50, 27, 2, 2, 1);
        } else if (age < 65) {
            return rng.weighted(c, 25, 12, 28, 30, 3, 1, 1);
        }
        return rng.weighted(c, 48, 15, 10, 20, 5, 1, 1);
    }

    /** Opt-in rates of an EU retail bank: a general openness per client makes the answers go together. */
    static Payloads.Consents consents(Rng rng, boolean usesApp, boolean business) {
        double openness = rng.uniform() * (business ? 0.8 : 1.0);
        return new Payloads.Consents(
                rng.chance(0.25 + 0.35 * openness),
                rng.chance(0.12 + 0.30 * openness),
                usesApp ? rng.chance(0.35 + 0.40 * openness) : rng.chance(0.03),
                rng.chance(0.08 + 0.25 * openness),
                rng.chance(0.40 + 0.40 * openness));
    }

    /** About 4 % unsubscribe from e-mail, about 3 % of app users later allow push messages. */
    static Payloads.ChangeConsents consentChange(Rng rng, Payloads.Consents consents, boolean usesApp) {
        if (Boolean.TRUE.equals(consents.marketingEmail()) && rng.chance(0.09)) {
            return new Payloads.ChangeConsents("EMAIL", false, null, null, null, null);
        }
        if (usesApp && !Boolean.TRUE.equals(consents.marketingPush()) && rng.chance(0.05)) {
            return new Payloads.ChangeConsents("MOBILE_APP", null, null, true, null, null);
        }
        return null;
    }

    static String decisionChannel(Rng rng, String preferred) {
        if (preferred != null && List.of("BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK").contains(preferred)) {
            return preferred;
        }
        return rng.weighted(List.of("BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK"), 30, 25, 30, 15);
    }

    // --- what they hold

    List<Payloads.OpenProduct> products(Rng rng, boolean business, Integer age, String bracket, double income,
            LocalDate since) {
        List<Payloads.OpenProduct> held = new ArrayList<>();
        int b = Vocabulary.INCOME_BRACKETS.indexOf(bracket);
        int a = age == null ? 45 : age;
        boolean adult = business || a >= 18;
        boolean current = business || rng.chance(a < 18 ? 0.90 : 0.97);
        if (current) {
            held.add(open("CURRENT_ACCOUNT", since, money(income * rng.logNormal(business ? 0.5 : 0.8, 0.6))));
            if (rng.chance(business ? 0.85 : a >= 75 ? 0.70 : 0.92)) {
                held.add(open("DEBIT_CARD", min(since.plusDays(rng.between(3, 20)), today), null));
            }
        }
        if (adult && a < 75 && current && rng.chance(business ? 0.45 : new double[] {0.10, 0.26, 0.42, 0.58}[b] * (a >= 65 ? 0.6 : 1))) {
            held.add(open("CREDIT_CARD", later(rng, since), money(-rng.logNormal(400 * (b + 1), 1.0))));
        }
        double savings = business ? 0.35 : a < 18 ? 0.35 : 0.30 + new double[] {0, 0.10, 0.20, 0.25}[b] + (a >= 55 ? 0.10 : 0);
        if (rng.chance(savings)) {
            double ageFactor = Math.max(0.5, Math.min(3.0, 1 + (a - 25) / 20.0));
            held.add(open("SAVINGS_ACCOUNT", later(rng, since), money(income * rng.logNormal(4 * ageFactor, 0.9))));
        }
        if (adult && rng.chance(business ? 0.10 : 0.04 + (a >= 55 ? 0.10 : 0) + (b >= 2 ? 0.06 : 0))) {
            held.add(open("TERM_DEPOSIT", later(rng, since), money(rng.logNormal(15_000 * (1 + b * 0.6), 0.6))));
        }
        boolean mortgage = false;
        if (!business && a >= 22 && a <= 65) {
            double p = b == 0 ? 0.02 : a >= 28 && a <= 42 ? 0.38 : a >= 43 && a <= 55 ? 0.25 : a <= 27 ? 0.08 : 0.04;
            if (rng.chance(p)) {
                mortgage = true;
                LocalDate opened = laterWithin(rng, since, a >= 43 ? 20 * 365 : 8 * 365);
                double principal = rng.logNormal(120_000 * new double[] {0.7, 1.0, 1.5, 2.5}[b], 0.35);
                double remaining = Math.max(0.1, 1 - (today.toEpochDay() - opened.toEpochDay()) / (25 * 365.0));
                held.add(open("MORTGAGE", opened, money(-principal * remaining)));
            }
        }
        double loan = business ? 0.30 : a >= 22 && a <= 60 ? 0.12 + (b == 0 ? 0.04 : 0) : a >= 18 ? 0.03 : 0;
        if (rng.chance(loan)) {
            held.add(open("CONSUMER_LOAN", laterWithin(rng, since, 5 * 365),
                    money(-rng.logNormal(business ? 40_000 : 8_000, 0.6))));
        }
        if (adult && rng.chance(business ? 0.35 : 0.15 + (mortgage ? 0.55 : 0) + (a >= 55 ? 0.10 : 0))) {
            held.add(open("INSURANCE", later(rng, since), null));
        }
        if (adult && !business && rng.chance(0.03 + new double[] {0, 0, 0.10, 0.28}[b] + (a >= 50 && a <= 64 ? 0.08 : 0))) {
            held.add(open("INVESTMENT_FUND", later(rng, since), money(rng.logNormal(25_000 * (1 + b), 0.8))));
        }
        if (adult && !business && current && rng.chance(new double[] {0.01, 0.01, 0.12, 0.40}[b])) {
            held.add(open("PREMIUM_PACKAGE", later(rng, since), null));
        }
        return held;
    }

    private static Payloads.OpenProduct open(String type, LocalDate openedAt, BigDecimal balance) {
        return new Payloads.OpenProduct(type, openedAt, balance);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private LocalDate later(Rng rng, LocalDate since) {
        long days = Math.max(0, today.toEpochDay() - since.toEpochDay());
        return since.plusDays((long) (rng.uniform() * days));
    }

    private LocalDate laterWithin(Rng rng, LocalDate since, int maxDaysAgo) {
        LocalDate from = since.isAfter(today.minusDays(maxDaysAgo)) ? since : today.minusDays(maxDaysAgo);
        long days = Math.max(0, today.toEpochDay() - from.toEpochDay());
        return from.plusDays((long) (rng.uniform() * days));
    }

    // --- what they earn the bank

    /**
     * Twelve calendar months up to and including the current one. Revenue: deposit margin, account and package
     * fees, card and lending margins, fund fees, insurance commission; cost to serve: a base, the preferred
     * channel's cost and a little per product. Balances drift with a per-client trend; a leaving client's
     * balances and transactions fall over the last four months.
     */
    List<Payloads.RecordFinancials> financials(Rng rng, Profile profile, List<Payloads.OpenProduct> products, double income,
            boolean leaving) {
        double deposits = 0, mortgage = 0, loan = 0, card = 0, fund = 0;
        for (Payloads.OpenProduct p : products) {
            double balance = p.balance() == null ? 0 : p.balance().doubleValue();
            switch (p.type()) {
                case "CURRENT_ACCOUNT", "SAVINGS_ACCOUNT", "TERM_DEPOSIT" -> deposits += balance;
                case "MORTGAGE" -> mortgage += -balance;
                case "CONSUMER_LOAN" -> loan += -balance;
                case "CREDIT_CARD" -> card += -balance;
                case "INVESTMENT_FUND" -> fund += balance;
                default -> {
                }
            }
        }
        boolean business = profile.business();
        double channelCost = switch (profile.preferredChannel() == null ? "" : profile.preferredChannel()) {
            case "BRANCH" -> 14;
            case "CALL_CENTER" -> 9;
            case "MOBILE_APP" -> 1.5;
            case "INTERNET_BANK" -> 2;
            case "ATM" -> 4;
            case "CHAT" -> 3;
            case "EMAIL" -> 2;
            default -> 5;
        };
        double costPerMonth = (7 + channelCost * rng.logNormal(1, 0.4) + 0.8 * products.size()
                + (mortgage > 0 ? 6 : 0)) * (business ? 2.5 : 1);
        double trend = leaving ? 0 : rng.normal(0.008, 0.02);
        double transactions = business ? rng.logNormal(120, 0.7)
                : rng.logNormal(25, 0.5) * (profile.holds("DEBIT_CARD") ? 1.3 : 0.6) * (profile.usesApp() ? 1.2 : 0.9);
        double fees = (profile.holds("PREMIUM_PACKAGE") ? 15 : profile.holds("CURRENT_ACCOUNT") ? 4 : 0)
                + (profile.holds("INSURANCE") ? 3 : 0) + (business ? 25 : 0);
        YearMonth current = YearMonth.from(today);
        List<Payloads.RecordFinancials> months = new ArrayList<>(12);
        for (int m = 0; m < 12; m++) {
            YearMonth month = current.minusMonths(11 - m);
            int monthsLeft = 11 - m;
            double fall = leaving && monthsLeft < 4 ? Math.pow(0.78, 4 - monthsLeft) : 1;
            double season = month.getMonthValue() == 12 ? 1.08 : month.getMonthValue() == 1 ? 0.95 : 1;
            double balance = Math.max(0, deposits * Math.pow(1 + trend, m - 11.0) * fall * season * rng.logNormal(1, 0.05));
            double revenue = (balance * 0.012 + mortgage * 0.010 + loan * 0.04 + fund * 0.012) / 12 + card * 0.015 + fees
                    + (profile.holds("CREDIT_CARD") || profile.holds("DEBIT_CARD") ? transactions * 0.05 : 0);
            double count = transactions * fall * rng.logNormal(1, 0.15);
            double amount = income * fall * rng.logNormal(business ? 0.9 : 0.85, 0.2);
            months.add(new Payloads.RecordFinancials(month, money(revenue * rng.logNormal(1, 0.1)),
                    money(costPerMonth * rng.logNormal(1, 0.15)), money(balance), (int) Math.round(count), money(amount)));
        }
        return months;
    }

    static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replaceAll("[^A-Za-z.]", "")
                .toLowerCase(Locale.ROOT);
    }
}
