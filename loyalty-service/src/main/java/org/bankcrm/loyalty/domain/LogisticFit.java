package org.bankcrm.loyalty.domain;

import java.util.List;

/**
 * Maximum-likelihood logistic regression by Newton–Raphson (IRLS) with a small L2 penalty on the
 * coefficients (not the intercept), so separable or collinear data still converge. Plain Java: a handful
 * of features and up to millions of rows need no library.
 */
public final class LogisticFit {
    private LogisticFit() {
    }

    /** One labelled example: the model's inputs and whether the client left. */
    public record Example(double[] x, boolean left) {
    }

    /** Coefficients, intercept first, and the iterations Newton needed. */
    public record Fit(double[] coefficients, int iterations) {
        public double probability(double[] x) {
            double z = coefficients[0];
            for (int j = 0; j < x.length; j++) {
                z += coefficients[j + 1] * x[j];
            }
            return ChurnRiskModel.sigmoid(z);
        }
    }

    public static Fit fit(List<Example> examples, double l2, int maxIterations) {
        int k = examples.get(0).x().length + 1;
        double[] beta = new double[k];
        int iteration = 0;
        while (iteration++ < maxIterations) {
            double[] gradient = new double[k];
            double[][] hessian = new double[k][k];
            for (Example e : examples) {
                double[] x = withIntercept(e.x());
                double p = ChurnRiskModel.sigmoid(dot(beta, x));
                double residual = (e.left() ? 1 : 0) - p;
                double w = Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a < k; a++) {
                    gradient[a] += residual * x[a];
                    for (int b = a; b < k; b++) {
                        hessian[a][b] += w * x[a] * x[b];
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[a][b] = hessian[b][a];
                }
                if (a > 0) {
                    gradient[a] -= l2 * beta[a];
                    hessian[a][a] += l2;
                }
            }
            double[] step = solve(hessian, gradient);
            double change = 0;
            for (int a = 0; a < k; a++) {
                beta[a] += step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        return new Fit(beta, iteration);
    }

    /** {1, x…}: the inputs with the intercept's constant first. */
    static double[] withIntercept(double[] x) {
        double[] full = new double[x.length + 1];
        full[0] = 1;
        System.arraycopy(x, 0, full, 1, x.length);
        return full;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Gaussian elimination with partial pivoting (the system is small and positive definite). */
    static double[] solve(double[][] matrix, double[] rhs) {
        int n = rhs.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(matrix[i], n + 1);
            m[i][n] = rhs[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
