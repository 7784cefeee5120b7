package dev.chainrule.examples;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Linalg;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Parameter;
import dev.chainrule.nn.optim.LBFGS;
import java.util.List;

/**
 * Gaussian-process regression with the {@link Co2Kernel}: the log marginal likelihood of the
 * readings as a differentiable function of the log-hyperparameters, its maximization with
 * {@link LBFGS}, and the posterior at new times. With K = k(t, t) + σn²I = L Lᵀ and y the
 * readings minus their mean:
 * <pre>
 * log p(y | θ) = −½ yᵀK⁻¹y − Σ log L_ii − (n/2) log 2π     (K⁻¹y by Linalg.choleskySolve)
 * mean(t*) = k(t*, t) K⁻¹y + ȳ,   var(t*) = k(t*, t*) − |L⁻¹ k(t, t*)|²
 * </pre>
 */
final class GaussianProcess {
    private final double[] t;
    private final double yMean;
    private final Tensor y;
    private final Co2Kernel.Distances train;

    /** A process over the readings {@code y} at times {@code t} (y is centred on its mean). */
    GaussianProcess(double[] t, double[] y) {
        if (t.length != y.length || t.length < 2) {
            throw new IllegalArgumentException("GaussianProcess: need at least 2 readings with one time each, got "
                    + t.length + " times and " + y.length + " readings");
        }
        this.t = t.clone();
        double m = 0;
        for (double v : y) {
            m += v;
        }
        this.yMean = m / y.length;
        double[] c = new double[y.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = y[i] - yMean;
        }
        this.y = Tensor.constant(c, c.length, 1);
        this.train = Co2Kernel.Distances.between(this.t, this.t);
    }

    /** The number of readings. */
    int size() {
        return t.length;
    }

    /** log p(y | θ) as a graph in {@code theta} (shape [11]). */
    Tensor logMarginalLikelihood(Tensor theta) {
        Tensor l = Linalg.cholesky(Co2Kernel.covariance(theta, train));
        Tensor alpha = Linalg.choleskySolve(y, l);
        Tensor fit = y.mul(alpha).sum().mul(-0.5);
        Tensor logDetHalf = Linalg.diagonal(l).log().sum();
        return fit.sub(logDetHalf).sub(0.5 * size() * Math.log(2 * Math.PI));
    }

    /** log p(y | θ) and its gradient at {@code theta}. */
    record Evaluation(double value, double[] gradient) {
    }

    /** One log marginal likelihood and its gradient. */
    Evaluation evaluate(double[] theta) {
        Tensor th = Tensor.of(theta.clone(), theta.length);
        Tensor lml = logMarginalLikelihood(th);
        lml.backward();
        return new Evaluation(lml.item(), th.grad().toArray());
    }

    /** The result of {@link #fit}: the hyperparameters, their log marginal likelihood, the optimizer's counts. */
    record Fit(double[] theta, double logMarginalLikelihood, long evaluations, long iterations) {
    }

    /**
     * Maximizes the log marginal likelihood from {@code start} with L-BFGS (strong-Wolfe line
     * search), minimizing −log p(y | θ).
     *
     * @param maxIter the most L-BFGS iterations
     */
    Fit fit(double[] start, int maxIter) {
        Tensor theta = Tensor.of(start.clone(), start.length);
        LBFGS opt = LBFGS.of(List.of(Parameter.of(theta))).maxIter(maxIter).maxEval(maxIter * 5 / 4 + 1)
                .toleranceGrad(1e-5).toleranceChange(1e-9).historySize(20).lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
        opt.step(() -> {
            opt.zeroGrad();
            Tensor loss = logMarginalLikelihood(theta).neg();
            loss.backward();
            return loss.item();
        });
        double[] best = Co2Kernel.bounded(theta.toArray());
        double lml;
        try (var noGrad = GradMode.disabled()) {
            lml = logMarginalLikelihood(Tensor.constant(best, best.length)).item();
        }
        return new Fit(best, lml, opt.functionEvaluations(), opt.iterations());
    }

    /** The posterior of a new reading at each time: its mean and standard deviation (noise included). */
    record Prediction(double[] t, double[] mean, double[] std) {
    }

    /** The posterior at times {@code ts} under hyperparameters {@code theta}. */
    Prediction predict(double[] theta, double[] ts) {
        try (var noGrad = GradMode.disabled()) {
            Tensor th = Tensor.constant(theta, theta.length);
            Tensor l = Linalg.cholesky(Co2Kernel.covariance(th, train));
            Tensor alpha = Linalg.choleskySolve(y, l);
            Tensor cross = Co2Kernel.covariance(th, Co2Kernel.Distances.between(t, ts)); // [n, m]
            double[] mean = cross.transpose(0, 1).matmul(alpha).toArray();
            double[] explained = Linalg.solveTriangular(l, cross, false).pow(2).sum(0).toArray();
            double prior = Co2Kernel.priorVariance(theta);
            double[] std = new double[ts.length];
            for (int i = 0; i < ts.length; i++) {
                mean[i] += yMean;
                std[i] = Math.sqrt(Math.max(prior - explained[i], 0)); // rounding can dip below 0 at the data
            }
            return new Prediction(ts.clone(), mean, std);
        }
    }
}
