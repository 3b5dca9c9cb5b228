package org.bankcrm.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * An offline sanity check of the day-one prior's ranking on the public "Churn Modelling" bank data (10,000
 * clients, {@code Exited} label), read from its path, never copied into the repository. Only the columns a CRM's
 * events carry are mapped, through the same read model and features as production:
 * the same placing in time as {@code crm demo --replay-churn} (deploy/demo ChurnReplay): Age → age band; Tenure
 * (years) → customer since; Balance → 6 months of that average balance (no trend); NumOfProducts → products held;
 * IsActiveMember 1 → 6 months of 20 transactions moving 1,500, 0 → the same 3 months then 3 without transactions;
 * Geography → country of residence (FR, DE, ES), with the markets FR,DE,ES (learnt only: the prior is not moved by
 * them). Not mapped: Surname (personal data), Gender (a bank must not target on it), CreditScore, HasCrCard,
 * EstimatedSalary. It prints the figures; it asserts only a sane floor, the prior is not tuned on it.
 * It then runs the online fit as the service does on the first 70 % of the rows (file order) and prints its
 * quality on the other 30 %.
 */
class ChurnPriorOnPublicDataTest {
    static final Path DATA = Path.of(System.getProperty("crm.churn-modelling.path",
            "../../shared/data/churn-modelling/Churn_Modelling.csv"));
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final HalfLives HALF_LIVES = new HalfLives(Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(30));
    static final int ACTIVE_MONTHLY_TRANSACTIONS = 20;
    static final int MONTHS_WITHOUT_TRANSACTIONS_WHEN_INACTIVE = 3;
    /** Months of financials the replay records (deploy/demo ChurnReplay.MONTHS). */
    static final int MONTHS = 6;
    static final double ACTIVE_MONTHLY_AMOUNT = 1500;
    /** crm.loyalty.churn.prior-precision's default. */
    static final double PRIOR_PRECISION = 16;
    /** crm.loyalty.churn.market-precision's default. */
    static final double MARKET_PRECISION = 1;

    @Test
    void theDayOnePriorRanksTheClientsWhoLeftAboveThoseWhoStayed() throws IOException {
        assumeTrue(Files.exists(DATA), "skipped: the Churn Modelling data is not at " + DATA.toAbsolutePath()
                + " (set -Dcrm.churn-modelling.path=…)");
        ChurnRiskModel configured = ConfiguredChurnPrior.load();
        ChurnRiskModel prior = new ChurnRiskModel(configured.intercept(), configured.terms(), configured.horizon(),
                new ChurnMarkets(List.of("FR", "DE", "ES")), java.util.Map.of());
        List<ModelCheck.Scored> scored = new ArrayList<>();
        List<ModelCheck.Scored> ageAlone = new ArrayList<>();
        List<double[]> inputs = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<String> lines = Files.readAllLines(DATA);
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            int age = Integer.parseInt(c[header.indexOf("Age")]);
            int tenure = Integer.parseInt(c[header.indexOf("Tenure")]);
            double balance = Double.parseDouble(c[header.indexOf("Balance")]);
            int products = Integer.parseInt(c[header.indexOf("NumOfProducts")]);
            boolean active = c[header.indexOf("IsActiveMember")].equals("1");
            boolean exited = c[header.indexOf("Exited")].equals("1");
            ClientProfile profile = replay(age, tenure, balance, products, active, country(c[header.indexOf("Geography")]));
            ChurnFeatures features = ChurnFeatures.of(profile, LoyaltyFeatures.of(profile, NOW, HALF_LIVES),
                    YearMonth.from(NOW.atOffset(ZoneOffset.UTC)));
            scored.add(new ModelCheck.Scored(prior.probability(features), exited));
            inputs.add(prior.inputs(features));
            labels.add(exited);
            ageAlone.add(new ModelCheck.Scored(age, exited));
        }
        double auc = ModelCheck.auc(scored);
        System.out.printf(Locale.ROOT, "churn prior on Churn_Modelling (%d clients): AUC %.3f, Brier %.4f; Age alone AUC %.3f%n",
                scored.size(), auc, ModelCheck.brier(scored), ModelCheck.auc(ageAlone));
        for (ModelCheck.Bin bin : ModelCheck.calibration(scored, 10)) {
            System.out.printf(Locale.ROOT, "  decile %.3f–%.3f: %d clients, predicted %.3f, observed %.3f%n", bin.from(),
                    bin.to(), bin.clients(), bin.predicted(), bin.observed());
        }
        assertThat(auc).as("the prior ranks better than chance").isGreaterThan(0.6);

        // the online fit, as the service runs it: learns the first 70 % in file order, is measured on the rest
        OnlineChurnFit fit = OnlineChurnFit.fromPrior(prior, PRIOR_PRECISION, MARKET_PRECISION);
        int learnt = inputs.size() * 7 / 10;
        for (int i = 0; i < learnt; i++) {
            fit.observe(inputs.get(i), labels.get(i));
        }
        List<ModelCheck.Scored> heldOut = new ArrayList<>();
        for (int i = learnt; i < inputs.size(); i++) {
            heldOut.add(new ModelCheck.Scored(fit.probability(inputs.get(i)), labels.get(i)));
        }
        System.out.printf(Locale.ROOT, "online fit from the prior, learnt on the first %d, held-out %d: AUC %.3f, Brier %.4f%n",
                learnt, heldOut.size(), ModelCheck.auc(heldOut), ModelCheck.brier(heldOut));
        for (ModelCheck.Bin bin : ModelCheck.calibration(heldOut, 10)) {
            System.out.printf(Locale.ROOT, "  decile %.3f–%.3f: %d clients, predicted %.3f, observed %.3f%n", bin.from(),
                    bin.to(), bin.clients(), bin.predicted(), bin.observed());
        }
        // what the service holds after a labelling run: the refit from the prior on every observation at once
        OnlineChurnFit refit = OnlineChurnFit.refit(OnlineChurnFit.fromPrior(prior, PRIOR_PRECISION, MARKET_PRECISION),
                inputs.subList(0, learnt), labels.subList(0, learnt));
        List<ModelCheck.Scored> refitHeldOut = new ArrayList<>();
        for (int i = learnt; i < inputs.size(); i++) {
            refitHeldOut.add(new ModelCheck.Scored(refit.probability(inputs.get(i)), labels.get(i)));
        }
        System.out.printf(Locale.ROOT, "refit from the prior on the same %d (as after a labelling run), held-out: AUC %.3f, Brier %.4f%n",
                learnt, ModelCheck.auc(refitHeldOut), ModelCheck.brier(refitHeldOut));
        // the ceiling of these inputs: a batch maximum-likelihood fit on the same 70 % (not what the service runs)
        List<LogisticFit.Example> examples = new ArrayList<>();
        for (int i = 0; i < learnt; i++) {
            examples.add(new LogisticFit.Example(inputs.get(i), labels.get(i)));
        }
        LogisticFit.Fit batch = LogisticFit.fit(examples, 1e-3, 50);
        List<ModelCheck.Scored> batchHeldOut = new ArrayList<>();
        for (int i = learnt; i < inputs.size(); i++) {
            batchHeldOut.add(new ModelCheck.Scored(batch.probability(inputs.get(i)), labels.get(i)));
        }
        System.out.printf(Locale.ROOT, "batch logistic fit on the same inputs (the ceiling of a linear model), held-out: AUC %.3f%n",
                ModelCheck.auc(batchHeldOut));
        assertThat(ModelCheck.auc(heldOut)).as("learning from the history does not make the ranking worse")
                .isGreaterThan(auc - 0.02);
    }

    /** The data's Geography as the replay maps it (deploy/demo ChurnReplay). */
    private static String country(String geography) {
        return switch (geography) {
            case "France" -> "FR";
            case "Germany" -> "DE";
            case "Spain" -> "ES";
            default -> null;
        };
    }

    private static ClientProfile replay(int age, int tenure, double balance, int products, boolean active, String country) {
        UUID clientId = UUID.randomUUID();
        ClientProfile p = ClientProfile.registered(new ClientFact.Registered(clientId, "INDIVIDUAL", ageBand(age),
                NOW.atOffset(ZoneOffset.UTC).toLocalDate().minusYears(tenure), NOW.minus(Duration.ofDays(400)), true, country,
                birthYear(age)));
        List<String> held = List.of("CURRENT_ACCOUNT", "SAVINGS_ACCOUNT", "CREDIT_CARD", "INSURANCE").subList(0, products);
        p.apply(new ClientFact.ProductOpened(clientId, held.get(held.size() - 1), LocalDate.parse("2020-01-01"), held),
                HALF_LIVES);
        YearMonth last = YearMonth.from(NOW.atOffset(ZoneOffset.UTC));
        for (int back = MONTHS - 1; back >= 0; back--) {
            boolean silent = !active && back < MONTHS_WITHOUT_TRANSACTIONS_WHEN_INACTIVE;
            p.apply(new ClientFact.FinancialsRecorded(clientId, last.minusMonths(back), balance,
                    silent ? 0 : ACTIVE_MONTHLY_TRANSACTIONS, silent ? 0.0 : ACTIVE_MONTHLY_AMOUNT), HALF_LIVES);
        }
        return p;
    }

    /**
     * The year of birth client-service sends for the replay's birth date (today minus the age, minus 1 to 300 days):
     * this year minus the age, for a replay run in December as {@link #NOW}'s month.
     */
    private static int birthYear(int age) {
        return NOW.atOffset(ZoneOffset.UTC).getYear() - age;
    }

    private static String ageBand(int age) {
        if (age < 18) {
            return "AGE_14_17";
        }
        if (age < 25) {
            return "AGE_18_24";
        }
        if (age < 35) {
            return "AGE_25_34";
        }
        if (age < 45) {
            return "AGE_35_44";
        }
        if (age < 55) {
            return "AGE_45_54";
        }
        return age < 65 ? "AGE_55_64" : "AGE_65_PLUS";
    }
}
