package dev.chainrule.nn.optim;

import dev.chainrule.nn.Parameter;
import java.util.List;
import java.util.Objects;

/** Gradient clipping, as PyTorch's {@code clip_grad_norm_} and {@code clip_grad_value_}. */
public final class Gradients {
    private Gradients() {
    }

    /**
     * Rescales the gradients of {@code params} so that their joint p-norm is at most
     * {@code maxNorm}: every gradient is multiplied by min(maxNorm/(total + 1e-6), 1).
     * Parameters without a gradient are ignored.
     *
     * @param normType p &gt; 0, or {@link Double#POSITIVE_INFINITY} for the max norm
     * @return the total norm before clipping
     *
     * @param params the parameters to update
     * @param maxNorm the largest allowed total norm
     */
    public static double clipGradNorm(List<? extends Parameter> params, double maxNorm, double normType) {
        Objects.requireNonNull(params, "clipGradNorm: params is null");
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be >= 0, got " + maxNorm);
        }
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: normType must be > 0 or infinity, got " + normType);
        }
        double total = totalNorm(params, normType);
        double coef = Math.min(maxNorm / (total + 1e-6), 1.0);
        if (coef < 1) {
            for (Parameter p : params) {
                double[] g = p.grad();
                if (g != null) {
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= coef;
                    }
                    p.commitGrad();
                }
            }
        }
        return total;
    }

    /**
     * {@link #clipGradNorm(List, double, double)} with the Euclidean norm.
     *
     * @param params the parameters to update
     * @param maxNorm the largest allowed total norm
     * @return the total norm before clipping
     */
    public static double clipGradNorm(List<? extends Parameter> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2);
    }

    /**
     * The joint p-norm of all gradients (p = infinity: the largest absolute entry).
     *
     * @param params the parameters to update
     * @param normType the p of the p-norm (positive, or infinity)
     * @return the joint p-norm of all gradients (p = infinity: the largest absolute entry)
     */
    public static double totalNorm(List<? extends Parameter> params, double normType) {
        double acc = 0;
        boolean inf = Double.isInfinite(normType);
        for (Parameter p : params) {
            double[] g = p.grad();
            if (g == null) {
                continue;
            }
            for (double x : g) {
                double a = Math.abs(x);
                if (inf) {
                    acc = Double.isNaN(a) ? a : Math.max(acc, a);
                } else {
                    acc += normType == 2 ? a * a : normType == 1 ? a : Math.pow(a, normType);
                }
            }
        }
        if (inf || normType == 1) {
            return acc;
        }
        return normType == 2 ? Math.sqrt(acc) : Math.pow(acc, 1 / normType);
    }

    /**
     * Clamps every gradient entry to [−clipValue, clipValue].
     *
     * @param params the parameters to update
     * @param clipValue the largest allowed absolute value of a gradient element
     */
    public static void clipGradValue(List<? extends Parameter> params, double clipValue) {
        Objects.requireNonNull(params, "clipGradValue: params is null");
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipGradValue: clipValue must be >= 0, got " + clipValue);
        }
        for (Parameter p : params) {
            double[] g = p.grad();
            if (g != null) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.max(-clipValue, Math.min(clipValue, g[i]));
                }
                p.commitGrad();
            }
        }
    }
}
