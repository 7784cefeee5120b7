package dev.chainrule.examples;

import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * The covariance of scikit-learn's Mauna Loa CO2 example (after Rasmussen and Williams,
 * <i>Gaussian Processes for Machine Learning</i>, section 5.4.3), as a graph in 11
 * log-hyperparameters θ, in scikit-learn's {@code kernel.theta} order:
 * <pre>
 * k(r) = σ1²·RBF(r; ℓ1)                           long-term rise
 *      + σ2²·RBF(r; ℓ2)·ExpSineSquared(r; ℓ3, 1)     seasonal cycle, period fixed at one year, decaying
 *      + σ3²·RQ(r; ℓ4, α)                           medium-term irregularities
 *      + σ4²·RBF(r; ℓ5) + σn²·δ                     short-term noise and measurement noise
 * RBF(r; ℓ) = exp(−r²/(2ℓ²)),  ExpSineSquared(r; ℓ, p) = exp(−2 sin²(πr/p)/ℓ²),  RQ(r; ℓ, α) = (1 + r²/(2αℓ²))^−α
 * θ = log(σ1², ℓ1, σ2², ℓ2, ℓ3, σ3², α, ℓ4, σ4², ℓ5, σn²)
 * </pre>
 * Log space keeps every hyperparameter positive whatever the optimizer does. As in
 * scikit-learn, each hyperparameter is bounded to [1e-5, 1e5]: θ is clamped to [log 1e-5, log 1e5]
 * before use, so beyond a bound the likelihood is flat (zero gradient) and the unconstrained
 * L-BFGS maximizes over the same box as scikit-learn's L-BFGS-B. (Without the bound the noise
 * variance runs to 0, the short-term term taking its place, until the Cholesky factorization of
 * K fails.) The distances between the times are constants, so the graph starts at θ.
 */
final class Co2Kernel {
    /** scikit-learn's names for θ's entries. */
    static final List<String> NAMES = List.of("long-term variance σ1²", "long-term length ℓ1 (years)",
            "seasonal variance σ2²", "seasonal decay ℓ2 (years)", "seasonal shape ℓ3", "irregular variance σ3²",
            "irregular shape α", "irregular length ℓ4 (years)", "short-term variance σ4²", "short-term length ℓ5 (years)",
            "noise variance σn²");

    /** scikit-learn's starting point: 50²·RBF(50) + 2²·RBF(100)·ExpSineSquared(1, 1) + 0.5²·RQ(1, 1) + 0.1²·RBF(0.1) + White(0.1²). */
    static final double[] START = {Math.log(2500), Math.log(50), Math.log(4), Math.log(100), 0, Math.log(0.25), 0, 0,
        Math.log(0.01), Math.log(0.1), Math.log(0.01)};

    /** scikit-learn's {@code GaussianProcessRegressor(alpha=1e-10)}: added to the training diagonal for stability. */
    static final double JITTER = 1e-10;

    /** scikit-learn's default bounds of every hyperparameter, in log space. */
    static final double LOG_LOWER = Math.log(1e-5);
    static final double LOG_UPPER = Math.log(1e5);

    private Co2Kernel() {
    }

    /** The constant parts of k between two sets of times: squared distances and sin²(π·distance). */
    record Distances(Tensor squared, Tensor sinSquared, boolean same) {
        static Distances between(double[] a, double[] b) {
            double[] d2 = new double[a.length * b.length];
            double[] s2 = new double[d2.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < b.length; j++) {
                    double r = a[i] - b[j];
                    double s = Math.sin(Math.PI * r); // period one year
                    d2[i * b.length + j] = r * r;
                    s2[i * b.length + j] = s * s;
                }
            }
            return new Distances(Tensor.constant(d2, a.length, b.length), Tensor.constant(s2, a.length, b.length),
                    a == b);
        }
    }

    /**
     * k between the times behind {@code d}; on the training set itself (same array on both
     * sides) with the noise σn² and the jitter on the diagonal.
     *
     * @param theta the 11 log-hyperparameters, shape [11]
     */
    static Tensor covariance(Tensor unbounded, Distances d) {
        Tensor theta = unbounded.clamp(LOG_LOWER, LOG_UPPER);
        Tensor longTerm = at(theta, 0).exp().mul(rbf(d.squared(), at(theta, 1)));
        Tensor seasonal = at(theta, 2).exp().mul(rbf(d.squared(), at(theta, 3)))
                .mul(d.sinSquared().mul(at(theta, 4).mul(-2).exp().mul(-2)).exp());
        Tensor irregular = at(theta, 5).exp().mul(rq(d.squared(), at(theta, 6), at(theta, 7)));
        Tensor shortTerm = at(theta, 8).exp().mul(rbf(d.squared(), at(theta, 9)));
        Tensor k = longTerm.add(seasonal).add(irregular).add(shortTerm);
        if (d.same()) {
            int n = d.squared().shape()[0];
            k = k.add(Tensor.eye(n).mul(at(theta, 10).exp().add(JITTER)));
        }
        return k;
    }

    /** θ clamped into the bounds, as {@link #covariance} uses it. */
    static double[] bounded(double[] theta) {
        double[] b = new double[theta.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.max(LOG_LOWER, Math.min(LOG_UPPER, theta[i]));
        }
        return b;
    }

    /** k(t, t) for a new reading: the sum of the variances and the noise (no jitter). */
    static double priorVariance(double[] unbounded) {
        double[] theta = bounded(unbounded);
        return Math.exp(theta[0]) + Math.exp(theta[2]) + Math.exp(theta[5]) + Math.exp(theta[8]) + Math.exp(theta[10]);
    }

    /** exp(−r²/(2ℓ²)) with ℓ = exp(logL). */
    private static Tensor rbf(Tensor r2, Tensor logL) {
        return r2.mul(logL.mul(-2).exp().mul(-0.5)).exp();
    }

    /** (1 + r²/(2αℓ²))^−α = exp(−α·log(1 + r²/(2αℓ²))), α = exp(logAlpha), ℓ = exp(logL). */
    private static Tensor rq(Tensor r2, Tensor logAlpha, Tensor logL) {
        Tensor scale = logAlpha.add(logL.mul(2)).exp().mul(2);
        return r2.div(scale).add(1).log().mul(logAlpha.exp().neg()).exp();
    }

    /** θ_k as a tensor of shape [1], broadcasting against the matrices. */
    private static Tensor at(Tensor theta, int k) {
        return theta.slice(0, k, k + 1);
    }

    /** θ as scikit-learn prints a kernel: {@code 44.6**2 * RBF(length_scale=50.1) + ...}. */
    static String describe(double[] theta) {
        double[] p = new double[theta.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(theta[i]);
        }
        return String.format(Locale.ROOT, "%.3g**2 * RBF(length_scale=%.3g) + %.3g**2 * RBF(length_scale=%.3g) "
                + "* ExpSineSquared(length_scale=%.3g, periodicity=1) + %.3g**2 * RationalQuadratic(alpha=%.3g, "
                + "length_scale=%.3g) + %.3g**2 * RBF(length_scale=%.3g) + WhiteKernel(noise_level=%.3g)",
                Math.sqrt(p[0]), p[1], Math.sqrt(p[2]), p[3], p[4], Math.sqrt(p[5]), p[6], p[7], Math.sqrt(p[8]), p[9],
                p[10]);
    }
}
