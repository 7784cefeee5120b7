package dev.chainrule.nn.optim;

import static dev.chainrule.nn.optim.FlatVectors.addScaled;
import static dev.chainrule.nn.optim.FlatVectors.dot;
import static dev.chainrule.nn.optim.FlatVectors.maxAbs;

import dev.chainrule.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * L-BFGS, step for step as PyTorch's {@code torch.optim.LBFGS} (same options, defaults,
 * stopping rules and strong-Wolfe line search), on tensor and scalar parameters alike. All
 * parameters form one vector x; the optimizer keeps the last {@code historySize} pairs
 * s = x_{k+1} − x_k, y = ∇f_{k+1} − ∇f_k and steps along the two-loop recursion's direction:
 * <pre>
 * step(closure): f, g ← closure()                       (one evaluation; stop if max|g| ≤ tolGrad)
 *   repeat up to maxIter times:
 *     first iteration ever: d ← −g, H ← 1
 *     else: y ← g − g_prev, s ← t·d; if yᵀs &gt; 1e-10: remember (s, y, ρ = 1/yᵀs), H ← yᵀs / yᵀy
 *           d ← −(two-loop recursion over the pairs, initial inverse Hessian H·I) g
 *     t ← lr, or min(1, 1/Σ|g|)·lr on the first iteration ever
 *     stop if gᵀd &gt; −tolChange
 *     no line search: x ← x + t·d, then f, g ← closure() (skipped on the last iteration)
 *     strong Wolfe:   t ← the line search's step from t, x ← x + t·d (its f and g are kept)
 *     stop on: maxIter iterations, maxEval evaluations in this step, max|g| ≤ tolGrad,
 *              max|t·d| ≤ tolChange, |f − f_prev| &lt; tolChange
 * </pre>
 * The history, the last direction and step, and the counters persist from one {@code step}
 * to the next, as in PyTorch. Defaults: lr 1, maxIter 20, maxEval maxIter·5/4 (rounded down),
 * toleranceGrad 1e-7, toleranceChange 1e-9, historySize 100, no line search.
 *
 * <p>The closure re-evaluates the objective: it clears the gradients, computes the loss,
 * runs backward and returns the loss as a number. It is called several times per step.
 * <pre>{@code
 * LBFGS opt = LBFGS.of(params).historySize(10).lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
 * for (int k = 0; k < 5; k++) {
 *     opt.step(() -> {
 *         opt.zeroGrad();
 *         Tensor loss = objective(w);
 *         loss.backward();
 *         return loss.item();
 *     });
 * }
 * }</pre>
 * As in PyTorch there is a single parameter group (no per-group options), and a parameter
 * without a gradient counts as a zero gradient. The plain {@link #step()} of other optimizers
 * has no closure to call and throws.
 */
public final class LBFGS implements Optimizer {
    private static final String NAME = "LBFGS";

    /** The step-length rule: a fixed step of lr, or PyTorch's strong-Wolfe line search. */
    public enum LineSearch {
        /** Step lr along the direction, no search (PyTorch's {@code line_search_fn=None}). */
        NONE,
        /** The strong-Wolfe search (c1 = 1e-4, c2 = 0.9, at most 25 evaluations), PyTorch's {@code "strong_wolfe"}. */
        STRONG_WOLFE
    }

    private final ParamGroup group;
    private final Parameter[] params;
    private final int numel;
    private double defaultLr = 1;
    private double groupLr;
    private int maxIter = 20;
    private int maxEval = -1; // -1: maxIter * 5 / 4
    private double toleranceGrad = 1e-7;
    private double toleranceChange = 1e-9;
    private int historySize = 100;
    private LineSearch lineSearch = LineSearch.NONE;

    // the state PyTorch keeps across steps
    private long funcEvals;
    private long nIter;
    private double[] d;
    private double t;
    private final List<double[]> oldDirs = new ArrayList<>();
    private final List<double[]> oldSteps = new ArrayList<>();
    private final List<Double> ro = new ArrayList<>();
    private double hDiag = 1;
    private double[] prevFlatGrad;
    private double prevLoss;

    private LBFGS(ParamGroup group) {
        this.group = group;
        this.params = group.parameters().toArray(new Parameter[0]);
        if (params.length == 0) {
            throw new IllegalArgumentException(NAME + ": no parameters given");
        }
        long n = 0;
        for (Parameter p : params) {
            n += p.size();
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(NAME + ": " + n + " numbers in all do not fit one flat array");
        }
        this.numel = (int) n;
        this.groupLr = group.lr();
        java.util.IdentityHashMap<Parameter, Integer> seen = new java.util.IdentityHashMap<>();
        for (int i = 0; i < params.length; i++) {
            Integer before = seen.put(params[i], i);
            if (before != null) {
                throw new IllegalArgumentException(NAME + ": " + params[i] + " appears twice (positions " + before
                        + " and " + i + "); each parameter may be optimized once");
            }
        }
    }

    /**
     * L-BFGS over {@code params} with PyTorch's default options.
     *
     * @param params the parameters to update
     * @return the optimizer
     */
    public static LBFGS of(List<? extends Parameter> params) {
        Objects.requireNonNull(params, () -> NAME + ": parameters are null");
        return new LBFGS(ParamGroup.of(params));
    }

    /**
     * L-BFGS over one parameter group (PyTorch's LBFGS takes exactly one).
     *
     * @param group the one parameter group
     * @return the optimizer
     */
    public static LBFGS of(ParamGroup group) {
        Objects.requireNonNull(group, () -> NAME + ": parameter group is null");
        return new LBFGS(group);
    }

    /**
     * Learning rate ≥ 0: the step length without line search, the first trial step with it; returns this.
     *
     * @param lr the learning rate
     * @return this
     */
    public LBFGS lr(double lr) {
        this.defaultLr = Hyper.nonNegative(NAME, "lr", lr);
        return this;
    }

    /**
     * Most iterations per {@link #step(DoubleSupplier)} call (≥ 1); returns this.
     *
     * @param maxIter the largest number of iterations per step
     * @return this
     */
    public LBFGS maxIter(int maxIter) {
        this.maxIter = Hyper.positiveCount(NAME, "maxIter", maxIter);
        return this;
    }

    /**
     * Most closure evaluations per step (≥ 1; by default maxIter·5/4, rounded down); returns this.
     *
     * @param maxEval the largest number of function evaluations per step
     * @return this
     */
    public LBFGS maxEval(int maxEval) {
        this.maxEval = Hyper.positiveCount(NAME, "maxEval", maxEval);
        return this;
    }

    /**
     * Stop when the largest gradient entry is at most this (≥ 0); returns this.
     *
     * @param toleranceGrad stop when the largest gradient element is below this
     * @return this
     */
    public LBFGS toleranceGrad(double toleranceGrad) {
        this.toleranceGrad = Hyper.nonNegative(NAME, "toleranceGrad", toleranceGrad);
        return this;
    }

    /**
     * Stop when the loss or the parameters change by less than this (≥ 0); returns this.
     *
     * @param toleranceChange stop when the change in loss or parameters is below this
     * @return this
     */
    public LBFGS toleranceChange(double toleranceChange) {
        this.toleranceChange = Hyper.nonNegative(NAME, "toleranceChange", toleranceChange);
        return this;
    }

    /**
     * How many (s, y) pairs to remember (≥ 1); returns this.
     *
     * @param historySize the number of past updates kept
     * @return this
     */
    public LBFGS historySize(int historySize) {
        this.historySize = Hyper.positiveCount(NAME, "historySize", historySize);
        return this;
    }

    /**
     * The step-length rule; returns this.
     *
     * @param lineSearch the line search, or none
     * @return this
     */
    public LBFGS lineSearch(LineSearch lineSearch) {
        this.lineSearch = Objects.requireNonNull(lineSearch, () -> NAME + ": lineSearch is null (use LineSearch.NONE)");
        return this;
    }

    /**
     * The evaluation budget per step: maxEval if set, else maxIter·5/4 rounded down (as PyTorch).
     *
     * @return the evaluation budget per step: maxEval if set, else maxIter·5/4 rounded down (as PyTorch)
     */
    public int maxEvalPerStep() {
        return maxEval > 0 ? maxEval : maxIter * 5 / 4;
    }

    /**
     * Closure evaluations over all steps so far (PyTorch's {@code state['func_evals']}).
     *
     * @return the number of closure evaluations
     */
    public long functionEvaluations() {
        return funcEvals;
    }

    /**
     * Iterations over all steps so far (PyTorch's {@code state['n_iter']}).
     *
     * @return the number of iterations
     */
    public long iterations() {
        return nIter;
    }

    /**
     * Runs up to maxIter L-BFGS iterations, calling {@code closure} to re-evaluate the loss and
     * the gradients (see the class comment for the closure's job).
     *
     * @param closure clears the gradients, computes the loss, runs backward, returns the loss
     * @return the loss of the first evaluation, at the parameters the step started from
     */
    public double step(DoubleSupplier closure) {
        Objects.requireNonNull(closure, () -> NAME + ".step: closure is null");
        double lr = learningRate(0);
        double origLoss = closure.getAsDouble();
        double loss = origLoss;
        int currentEvals = 1;
        funcEvals++;
        double[] flatGrad = gatherFlatGrad();
        boolean optCond = maxAbs(flatGrad) <= toleranceGrad;
        if (optCond) {
            return origLoss;
        }
        int budget = maxEvalPerStep();
        int n = 0;
        while (n < maxIter) {
            n++;
            nIter++;

            // the descent direction
            if (nIter == 1) {
                d = FlatVectors.scaled(flatGrad, -1);
                oldDirs.clear();
                oldSteps.clear();
                ro.clear();
                hDiag = 1;
            } else {
                double[] y = FlatVectors.minus(flatGrad, prevFlatGrad);
                double[] s = FlatVectors.scaled(d, t);
                double ys = dot(y, s);
                if (ys > 1e-10) {
                    while (oldDirs.size() >= historySize) { // forget the oldest pair (several if historySize shrank)
                        oldDirs.remove(0);
                        oldSteps.remove(0);
                        ro.remove(0);
                    }
                    oldDirs.add(y);
                    oldSteps.add(s);
                    ro.add(1. / ys);
                    hDiag = ys / dot(y, y); // the initial inverse Hessian's scale
                }
                d = twoLoop(flatGrad);
            }
            prevFlatGrad = flatGrad.clone();
            prevLoss = loss;

            // the step length
            t = nIter == 1 ? FlatVectors.pyMin(1., 1. / FlatVectors.sumAbs(flatGrad)) * lr : lr;
            double gtd = dot(flatGrad, d);
            if (gtd > -toleranceChange) {
                break; // the directional derivative is below tolerance
            }
            int lsEvals = 0;
            if (lineSearch == LineSearch.STRONG_WOLFE) {
                double[][] xInit = cloneParams();
                double[] dir = d;
                StrongWolfe.Result r = StrongWolfe.search(
                        step -> directionalEvaluate(closure, xInit, step, dir), t, d, loss, flatGrad, gtd);
                loss = r.loss();
                flatGrad = r.grad();
                t = r.t();
                lsEvals = r.evals();
                addToParams(t, d);
                optCond = maxAbs(flatGrad) <= toleranceGrad;
            } else {
                addToParams(t, d);
                if (n != maxIter) {
                    // re-evaluate except on the last iteration (PyTorch: no use in a stochastic setting)
                    loss = closure.getAsDouble();
                    flatGrad = gatherFlatGrad();
                    optCond = maxAbs(flatGrad) <= toleranceGrad;
                    lsEvals = 1;
                }
            }
            currentEvals += lsEvals;
            funcEvals += lsEvals;

            if (n == maxIter || currentEvals >= budget || optCond) {
                break;
            }
            if (maxAbs(FlatVectors.scaled(d, t)) <= toleranceChange) {
                break; // no progress in the parameters
            }
            if (Math.abs(loss - prevLoss) < toleranceChange) {
                break; // no progress in the loss
            }
        }
        return origLoss;
    }

    /** −H·g by the two-loop recursion over the remembered pairs, with H₀ = hDiag·I. */
    private double[] twoLoop(double[] g) {
        int m = oldDirs.size();
        double[] al = new double[m];
        double[] q = FlatVectors.scaled(g, -1);
        for (int i = m - 1; i >= 0; i--) {
            al[i] = dot(oldSteps.get(i), q) * ro.get(i);
            addScaled(q, -al[i], oldDirs.get(i));
        }
        double[] r = FlatVectors.scaled(q, hDiag);
        for (int i = 0; i < m; i++) {
            double be = dot(oldDirs.get(i), r) * ro.get(i);
            addScaled(r, al[i] - be, oldSteps.get(i));
        }
        return r;
    }

    /** Loss and gradient at x + t·d, then the parameters back at x. */
    private StrongWolfe.Eval directionalEvaluate(DoubleSupplier closure, double[][] x, double step, double[] dir) {
        addToParams(step, dir);
        double loss = closure.getAsDouble();
        double[] g = gatherFlatGrad();
        for (int i = 0; i < params.length; i++) {
            params[i].set(x[i]);
        }
        return new StrongWolfe.Eval(loss, g);
    }

    /** All gradients in one array, zeros for a parameter that has none. */
    private double[] gatherFlatGrad() {
        double[] flat = new double[numel];
        int offset = 0;
        for (Parameter p : params) {
            double[] g = p.grad();
            if (g != null) {
                System.arraycopy(g, 0, flat, offset, p.size());
            }
            offset += p.size();
        }
        return flat;
    }

    /** x ← x + step·dir over all parameters. */
    private void addToParams(double step, double[] dir) {
        int offset = 0;
        for (Parameter p : params) {
            double[] theta = p.data();
            for (int i = 0; i < theta.length; i++) {
                theta[i] = Math.fma(step, dir[offset + i], theta[i]);
            }
            p.commit();
            offset += theta.length;
        }
    }

    private double[][] cloneParams() {
        double[][] x = new double[params.length][];
        for (int i = 0; i < params.length; i++) {
            x[i] = params[i].snapshot();
        }
        return x;
    }

    /**
     * Not available: L-BFGS evaluates the objective several times per step, so it needs the
     * closure of {@link #step(DoubleSupplier)}.
     *
     * @throws IllegalStateException always
     */
    @Override
    public void step() {
        throw new IllegalStateException(NAME + ".step() needs a closure that re-evaluates the loss: "
                + "step(() -> { opt.zeroGrad(); var loss = ...; loss.backward(); return loss.item(); })");
    }

    @Override
    public void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    @Override
    public List<ParamGroup> groups() {
        return List.of(group);
    }

    @Override
    public double learningRate(int group) {
        checkGroup(group);
        return Double.isNaN(groupLr) ? defaultLr : groupLr;
    }

    @Override
    public void setLearningRate(int group, double lr) {
        checkGroup(group);
        groupLr = Hyper.nonNegative(NAME, "lr of group 0", lr);
    }

    private void checkGroup(int group) {
        if (group != 0) {
            throw new IndexOutOfBoundsException(NAME + ": group " + group + " does not exist; LBFGS has one group, 0");
        }
    }

    /**
     * The learning rate, the counters, the last direction, step, gradient and loss, and the
     * history as {@code old_dirs} and {@code old_stps} (the pairs one after another) and {@code ro}.
     */
    @Override
    public OptimizerState state() {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("group.0.lr", new double[] {learningRate(0)});
        if (nIter > 0) {
            out.put("func_evals", new double[] {funcEvals});
            out.put("n_iter", new double[] {nIter});
            out.put("d", d.clone());
            out.put("t", new double[] {t});
            out.put("old_dirs", concat(oldDirs));
            out.put("old_stps", concat(oldSteps));
            out.put("ro", ro.stream().mapToDouble(Double::doubleValue).toArray());
            out.put("H_diag", new double[] {hDiag});
            out.put("prev_flat_grad", prevFlatGrad.clone());
            out.put("prev_loss", new double[] {prevLoss});
        }
        return new OptimizerState(NAME, out);
    }

    private double[] concat(List<double[]> pairs) {
        double[] out = new double[pairs.size() * numel];
        for (int i = 0; i < pairs.size(); i++) {
            System.arraycopy(pairs.get(i), 0, out, i * numel, numel);
        }
        return out;
    }

    @Override
    public void loadState(OptimizerState state) {
        Objects.requireNonNull(state, () -> NAME + ".loadState: state is null");
        if (!state.algorithm().equals(NAME)) {
            throw new IllegalArgumentException(NAME + ".loadState: the state is from " + state.algorithm()
                    + ", not " + NAME);
        }
        Map<String, double[]> entries = state.entries();
        StateReader in = new StateReader(NAME, entries);
        double lr = Hyper.nonNegative(NAME + ".loadState", "group.0.lr", in.scalar("group.0.lr"));
        if (!in.has("n_iter")) {
            in.checkAllRead();
            groupLr = lr;
            clearState();
            return;
        }
        long evals = in.count("func_evals");
        long iters = in.count("n_iter");
        double[] dir = in.vector("d", numel).clone();
        double step = in.scalar("t");
        double[] ros = entries.containsKey("ro") ? entries.get("ro") : new double[0];
        if (ros.length > historySize) {
            throw new IllegalArgumentException(NAME + ".loadState: the state holds " + ros.length
                    + " pairs but historySize is " + historySize);
        }
        in.vector("ro", ros.length);
        double[] dirs = in.vector("old_dirs", ros.length * numel);
        double[] steps = in.vector("old_stps", ros.length * numel);
        double h = in.scalar("H_diag");
        double[] prevGrad = in.vector("prev_flat_grad", numel).clone();
        double prev = in.scalar("prev_loss");
        in.checkAllRead();
        // everything checked: install
        groupLr = lr;
        clearState();
        funcEvals = evals;
        nIter = iters;
        d = dir;
        t = step;
        for (int i = 0; i < ros.length; i++) {
            oldDirs.add(java.util.Arrays.copyOfRange(dirs, i * numel, (i + 1) * numel));
            oldSteps.add(java.util.Arrays.copyOfRange(steps, i * numel, (i + 1) * numel));
            ro.add(ros[i]);
        }
        hDiag = h;
        prevFlatGrad = prevGrad;
        prevLoss = prev;
    }

    private void clearState() {
        funcEvals = 0;
        nIter = 0;
        d = null;
        t = 0;
        oldDirs.clear();
        oldSteps.clear();
        ro.clear();
        hDiag = 1;
        prevFlatGrad = null;
        prevLoss = 0;
    }

    /** The algorithm and its options. */
    @Override
    public String toString() {
        return NAME + "(lr=" + learningRate(0) + ", maxIter=" + maxIter + ", maxEval=" + maxEvalPerStep()
                + ", toleranceGrad=" + toleranceGrad + ", toleranceChange=" + toleranceChange + ", historySize="
                + historySize + ", lineSearch=" + lineSearch + ", " + params.length + " parameters)";
    }
}
