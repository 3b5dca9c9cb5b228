package org.bankcrm.loyalty.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.bankcrm.loyalty.domain.ChurnRiskModel;
import org.bankcrm.loyalty.domain.LogisticFit;
import org.bankcrm.loyalty.domain.ModelCheck;

/**
 * Fits the churn model's logistic coefficients from labelled history and prints them as
 * {@code crm.loyalty.churn.*} properties, with AUC, calibration and Brier score on held-out clients.
 *
 * <pre>
 * java -cp loyalty-service/target/classes org.bankcrm.loyalty.tools.ChurnModelFitting history.csv [--holdout 0.3] [--seed 1]
 * java -cp loyalty-service/target/classes org.bankcrm.loyalty.tools.ChurnModelFitting --synthetic 20000 [--seed 1]
 * </pre>
 *
 * The CSV has a header and one row per client snapshot: {@code behavioural,perceived,openComplaints,
 * recentClosures,balanceTrend,recentBankCausedNegatives,left} (left = 1 when the client left within the
 * horizon after the snapshot: all products closed or erased). {@code --synthetic} draws clients from plausible
 * feature distributions and labels them from a known model, to check the fitting itself.
 */
public final class ChurnModelFitting {
    static final String[] NAMES = { "intercept", "behavioural", "perceived", "open-complaint", "closure", "balance-trend",
            "bank-caused-negative" };
    /** What --synthetic labels with: the shipped defaults. */
    static final ChurnRiskModel SYNTHETIC_TRUTH = new ChurnRiskModel(0.3, -3.0, -2.0, 0.4, 0.7, -1.0, 0.25);

    private ChurnModelFitting() {
    }

    public static void main(String[] args) throws IOException {
        double holdout = 0.3;
        long seed = 1;
        int synthetic = 0;
        Path csv = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--holdout" -> holdout = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--synthetic" -> synthetic = Integer.parseInt(args[++i]);
                default -> csv = Path.of(args[i]);
            }
        }
        if (csv == null && synthetic == 0) {
            System.err.println("usage: ChurnModelFitting <history.csv> | --synthetic <clients> [--holdout 0.3] [--seed 1]");
            System.exit(2);
        }
        Random random = new Random(seed);
        List<LogisticFit.Example> examples = csv != null ? read(csv) : synthetic(synthetic, random);
        Collections.shuffle(examples, random);
        int test = (int) Math.round(examples.size() * holdout);
        List<LogisticFit.Example> heldOut = examples.subList(0, test);
        List<LogisticFit.Example> training = examples.subList(test, examples.size());
        System.out.printf(Locale.ROOT, "%d clients (%.1f%% left): %d to fit, %d held out%n", examples.size(),
                100.0 * examples.stream().filter(LogisticFit.Example::left).count() / examples.size(), training.size(),
                heldOut.size());

        LogisticFit.Fit fit = LogisticFit.fit(training, 1e-3, 50);
        System.out.printf("fitted in %d Newton iterations:%n", fit.iterations());
        for (int j = 0; j < NAMES.length; j++) {
            System.out.printf(Locale.ROOT, "crm.loyalty.churn.%s=%.3f%n", NAMES[j], fit.coefficients()[j]);
        }
        List<ModelCheck.Scored> scored = heldOut.stream()
                .map(e -> new ModelCheck.Scored(fit.probability(e.x()), e.left())).toList();
        System.out.printf(Locale.ROOT, "held out: AUC %.3f, Brier %.4f%n", ModelCheck.auc(scored), ModelCheck.brier(scored));
        System.out.println("calibration (deciles of predicted risk): clients, predicted, observed");
        for (ModelCheck.Bin bin : ModelCheck.calibration(scored, 10)) {
            System.out.printf(Locale.ROOT, "  %.3f–%.3f  %6d  %.3f  %.3f%n", bin.from(), bin.to(), bin.clients(),
                    bin.predicted(), bin.observed());
        }
    }

    public static List<LogisticFit.Example> read(Path csv) throws IOException {
        List<LogisticFit.Example> examples = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            double[] x = new double[6];
            for (int j = 0; j < 6; j++) {
                x[j] = Double.parseDouble(f[j].trim());
            }
            x[0] /= 100;
            x[1] /= 100;
            examples.add(new LogisticFit.Example(x, f[6].trim().equals("1") || f[6].trim().equalsIgnoreCase("true")));
        }
        return examples;
    }

    /** Clients drawn from plausible distributions, labelled from {@link #SYNTHETIC_TRUTH}. */
    static List<LogisticFit.Example> synthetic(int clients, Random random) {
        List<LogisticFit.Example> examples = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            double b = clamp(55 + 20 * random.nextGaussian());
            double p = clamp(50 + 0.3 * (b - 55) + 18 * random.nextGaussian());
            double open = random.nextDouble() < 0.1 ? 1 + random.nextInt(3) : 0;
            double closures = random.nextDouble() < 0.08 ? random.nextDouble() * 2 : 0;
            double trend = Math.max(-1, 0.3 * random.nextGaussian());
            double negatives = random.nextDouble() < 0.15 ? random.nextDouble() * 3 : 0;
            double[] x = { b / 100, p / 100, open, closures, trend, negatives };
            boolean left = random.nextDouble() < ChurnRiskModel.sigmoid(SYNTHETIC_TRUTH.linear(x));
            examples.add(new LogisticFit.Example(x, left));
        }
        return examples;
    }

    private static double clamp(double score) {
        return Math.max(0, Math.min(100, score));
    }
}
