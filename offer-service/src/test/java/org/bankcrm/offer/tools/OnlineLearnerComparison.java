package org.bankcrm.offer.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import org.bankcrm.offer.domain.PropensityModel;

/**
 * Compares other online learners with the service's {@link PropensityModel} on exactly the answers the bank-marketing
 * replay teaches it ({@code SERVICE_LIVE}: every row's earlier answers, then the row's call, scored before its answer):
 * a one-hidden-layer network and a factorisation machine (non-linear in the same inputs), averages of models that
 * forget at different rates, and an extra input with the offer's recent acceptance rate. Each learner sees the same
 * sequence and is scored before each answer, as the service is. A research tool, not a test: it reads the public file.
 *
 * <pre>java -cp offer-service/target/classes:offer-service/target/test-classes org.bankcrm.offer.tools.OnlineLearnerComparison ../shared/data/bank-marketing/bank-additional-full.csv</pre>
 */
public final class OnlineLearnerComparison {
    /** The term deposit's Beta(6, 94) prior as a logit: where every learner's bias starts. */
    private static final double PRIOR_LOGIT = Math.log(6.0 / 94);

    private OnlineLearnerComparison() {
    }

    interface Learner {
        double logit(double[] x);

        void learn(double[] x, boolean accepted);
    }

    record Answer(double[] x, boolean accepted, boolean scored) {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/bank-marketing/bank-additional-full.csv");
        List<Answer> answers = new ArrayList<>();
        BankMarketingReplay.replay(Files.readAllLines(csv), 4, 0.9995, new Random(42), BankMarketingReplay.FeatureMap.SERVICE_LIVE,
                (x, accepted, scored) -> answers.add(new Answer(x.clone(), accepted, scored)));
        int n = answers.get(0).x().length;
        print("the service's model (weight precision 4, forgetting 0.9995)", answers, size -> bayes(size, 4, 0.9995));
        for (int hidden : new int[] { 8, 16 }) {
            for (double rate : new double[] { 0.001, 0.003 }) {
                print("network, " + hidden + " tanh units, Adam " + rate, answers, size -> new Network(size, hidden, rate, 1e-4));
            }
        }
        for (int factors : new int[] { 2, 4 }) {
            for (double rate : new double[] { 0.02, 0.05 }) {
                print("factorisation machine, " + factors + " factors, AdaGrad " + rate, answers,
                        size -> new FactorisationMachine(size, factors, rate, 1e-4));
            }
        }
        print("the service's model and the 16-unit network, logits averaged", answers,
                size -> average(bayes(size, 4, 0.9995), new Network(size, 16, 0.003, 1e-4)));
        print("the service's model and the 4-factor machine, logits averaged", answers,
                size -> average(bayes(size, 4, 0.9995), new FactorisationMachine(size, 4, 0.05, 1e-4)));
        print("three service models forgetting 0.9995 / 0.9998 / none, logits averaged", answers,
                size -> average(bayes(size, 4, 0.9995), bayes(size, 4, 0.9998), bayes(size, 4, 1.0)));
        for (int window : new int[] { 100, 200, 500 }) {
            print("the service's model + the offer's acceptance rate over the last " + window + " scored answers",
                    withRecentRate(answers, window), size -> bayes(size, 4, 0.9995));
        }
        System.out.printf("%.4f  for comparison, not online: one logistic model fitted on every answer (3 passes, no forgetting), "
                + "scored on the rows it was fitted on%n", inSample(answers, bayes(n, 4, 1.0), 3));
        System.out.printf("(%d inputs; %d answers, %d of them scored)%n", n, answers.size(),
                answers.stream().filter(Answer::scored).count());
    }

    private static void print(String learner, List<Answer> answers, IntFunction<Learner> make) {
        System.out.printf("%.4f  %s%n", auc(answers, make.apply(answers.get(0).x().length)), learner);
    }

    /** The AUC of the learner's score before each scored answer, learning every answer in order. */
    static double auc(List<Answer> answers, Learner learner) {
        List<Double> scores = new ArrayList<>();
        List<Boolean> accepted = new ArrayList<>();
        for (Answer a : answers) {
            if (a.scored()) {
                scores.add(learner.logit(a.x()));
                accepted.add(a.accepted());
            }
            learner.learn(a.x(), a.accepted());
        }
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] y = new boolean[accepted.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = accepted.get(i);
        }
        return BankMarketingReplay.auc(s, y, 0, s.length);
    }

    /** The AUC on the scored answers of a learner that first learnt all of them {@code passes} times: no drift followed. */
    static double inSample(List<Answer> answers, Learner learner, int passes) {
        for (int pass = 0; pass < passes; pass++) {
            answers.forEach(a -> learner.learn(a.x(), a.accepted()));
        }
        List<Answer> scored = answers.stream().filter(Answer::scored).toList();
        double[] s = scored.stream().mapToDouble(a -> learner.logit(a.x())).toArray();
        boolean[] y = new boolean[scored.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = scored.get(i).accepted();
        }
        return BankMarketingReplay.auc(s, y, 0, s.length);
    }

    /** Each vector with one more input: the logit of the acceptance rate over the last {@code window} scored answers. */
    static List<Answer> withRecentRate(List<Answer> answers, int window) {
        List<Answer> out = new ArrayList<>();
        ArrayDeque<Boolean> recent = new ArrayDeque<>();
        int acceptedRecently = 0;
        for (Answer a : answers) {
            double rate = (acceptedRecently + 0.6) / (recent.size() + 10.0);
            double[] x = Arrays.copyOf(a.x(), a.x().length + 1);
            x[a.x().length] = Math.log(rate / (1 - rate)) / 3;
            out.add(new Answer(x, a.accepted(), a.scored()));
            if (a.scored()) {
                recent.add(a.accepted());
                acceptedRecently += a.accepted() ? 1 : 0;
                if (recent.size() > window) {
                    acceptedRecently -= recent.poll() ? 1 : 0;
                }
            }
        }
        return out;
    }

    static Learner bayes(int size, double weightPrecision, double keep) {
        PropensityModel model = PropensityModel.fromPrior(size, 6, 94, weightPrecision);
        double[] prior = model.precision();
        return new Learner() {
            public double logit(double[] x) {
                double p = model.expected(x);
                return Math.log(p / (1 - p));
            }

            public void learn(double[] x, boolean accepted) {
                model.update(x, accepted, keep, prior);
            }
        };
    }

    static Learner average(Learner... learners) {
        return new Learner() {
            public double logit(double[] x) {
                return Arrays.stream(learners).mapToDouble(l -> l.logit(x)).sum() / learners.length;
            }

            public void learn(double[] x, boolean accepted) {
                for (Learner l : learners) {
                    l.learn(x, accepted);
                }
            }
        };
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** One hidden layer of tanh units, one step of Adam per answer, L2 on the weights. */
    static final class Network implements Learner {
        private final int inputs;
        private final int hidden;
        private final double rate;
        private final double l2;
        private final double[][] w;
        private final double[] b;
        private final double[] v;
        private double c = PRIOR_LOGIT;
        private final Adam[] wMoments;
        private final Adam bMoments;
        private final Adam vMoments;
        private final Adam cMoments = new Adam(1);
        private long steps;

        Network(int inputs, int hidden, double rate, double l2) {
            this.inputs = inputs;
            this.hidden = hidden;
            this.rate = rate;
            this.l2 = l2;
            Random random = new Random(7);
            w = new double[hidden][inputs];
            b = new double[hidden];
            v = new double[hidden];
            wMoments = new Adam[hidden];
            for (int j = 0; j < hidden; j++) {
                for (int i = 0; i < inputs; i++) {
                    w[j][i] = random.nextGaussian() * 0.1;
                }
                v[j] = random.nextGaussian() * 0.1;
                wMoments[j] = new Adam(inputs);
            }
            bMoments = new Adam(hidden);
            vMoments = new Adam(hidden);
        }

        private double[] activations(double[] x) {
            double[] a = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double z = b[j];
                for (int i = 0; i < inputs; i++) {
                    z += x[i] == 0 ? 0 : w[j][i] * x[i];
                }
                a[j] = Math.tanh(z);
            }
            return a;
        }

        public double logit(double[] x) {
            double[] a = activations(x);
            double z = c;
            for (int j = 0; j < hidden; j++) {
                z += v[j] * a[j];
            }
            return z;
        }

        public void learn(double[] x, boolean accepted) {
            steps++;
            double[] a = activations(x);
            double z = c;
            for (int j = 0; j < hidden; j++) {
                z += v[j] * a[j];
            }
            double g = sigmoid(z) - (accepted ? 1 : 0);
            c -= cMoments.step(0, g, rate, steps);
            for (int j = 0; j < hidden; j++) {
                double gz = g * v[j] * (1 - a[j] * a[j]);
                v[j] -= vMoments.step(j, g * a[j] + l2 * v[j], rate, steps);
                b[j] -= bMoments.step(j, gz, rate, steps);
                for (int i = 0; i < inputs; i++) {
                    if (x[i] != 0) {
                        w[j][i] -= wMoments[j].step(i, gz * x[i] + l2 * w[j][i], rate, steps);
                    }
                }
            }
        }
    }

    /** Adam's moment estimates for a vector of parameters. */
    static final class Adam {
        private final double[] first;
        private final double[] second;

        Adam(int size) {
            first = new double[size];
            second = new double[size];
        }

        double step(int i, double gradient, double rate, long steps) {
            first[i] = 0.9 * first[i] + 0.1 * gradient;
            second[i] = 0.999 * second[i] + 0.001 * gradient * gradient;
            double m = first[i] / (1 - Math.pow(0.9, steps));
            double s = second[i] / (1 - Math.pow(0.999, steps));
            return rate * m / (Math.sqrt(s) + 1e-8);
        }
    }

    /** Logistic regression plus every pair of inputs through {@code factors} latent factors (Rendle 2010), AdaGrad. */
    static final class FactorisationMachine implements Learner {
        private final int inputs;
        private final int factors;
        private final double rate;
        private final double l2;
        private final double[] w;
        private final double[][] f;
        private final double[] wSquares;
        private final double[][] fSquares;
        private double bias = PRIOR_LOGIT;
        private double biasSquares;

        FactorisationMachine(int inputs, int factors, double rate, double l2) {
            this.inputs = inputs;
            this.factors = factors;
            this.rate = rate;
            this.l2 = l2;
            w = new double[inputs];
            f = new double[inputs][factors];
            wSquares = new double[inputs];
            fSquares = new double[inputs][factors];
            Random random = new Random(3);
            for (int i = 0; i < inputs; i++) {
                for (int k = 0; k < factors; k++) {
                    f[i][k] = random.nextGaussian() * 0.01;
                }
            }
        }

        private double[] sums(double[] x) {
            double[] s = new double[factors];
            for (int k = 0; k < factors; k++) {
                for (int i = 0; i < inputs; i++) {
                    s[k] += f[i][k] * x[i];
                }
            }
            return s;
        }

        public double logit(double[] x) {
            double z = bias;
            for (int i = 0; i < inputs; i++) {
                z += w[i] * x[i];
            }
            double[] s = sums(x);
            for (int k = 0; k < factors; k++) {
                double squares = 0;
                for (int i = 0; i < inputs; i++) {
                    squares += f[i][k] * x[i] * f[i][k] * x[i];
                }
                z += 0.5 * (s[k] * s[k] - squares);
            }
            return z;
        }

        public void learn(double[] x, boolean accepted) {
            double g = sigmoid(logit(x)) - (accepted ? 1 : 0);
            biasSquares += g * g;
            bias -= rate * g / Math.sqrt(biasSquares + 1e-8);
            double[] s = sums(x);
            for (int i = 0; i < inputs; i++) {
                if (x[i] == 0) {
                    continue;
                }
                double gw = g * x[i] + l2 * w[i];
                wSquares[i] += gw * gw;
                w[i] -= rate * gw / Math.sqrt(wSquares[i] + 1e-8);
                for (int k = 0; k < factors; k++) {
                    double gf = g * x[i] * (s[k] - f[i][k] * x[i]) + l2 * f[i][k];
                    fSquares[i][k] += gf * gf;
                    f[i][k] -= rate * gf / Math.sqrt(fSquares[i][k] + 1e-8);
                }
            }
        }
    }
}
