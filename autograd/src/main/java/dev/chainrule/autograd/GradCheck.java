package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Compares analytic gradients with central finite differences, for your own functions as
 * much as for ours: {@code (f(x + h) - f(x - h)) / 2h} against what {@code backward()} says.
 *
 * <pre>{@code
 * GradCheck.assertGradients(v -> v.get(0).mul(v.get(1)).tanh(), 0.3, -1.2);   // throws with a report
 *
 * GradCheck.Report r = GradCheck.withDefaults().step(1e-5).tolerance(1e-6, 1e-4)
 *         .check(v -> v.get(0).log().div(v.get(1)), 2.0, 3.0);
 * System.out.println(r);                 // per input: analytic, numeric, abs and rel error
 * r.firstBadNode();                      // on failure: the first node whose own derivative is off
 * }</pre>
 *
 * <p>An entry passes when {@code |analytic - numeric| <= atol + rtol * |numeric|} (PyTorch's
 * gradcheck defaults: step 1e-6, atol 1e-5, rtol 1e-3; unlike PyTorch, the step of input i is
 * {@code 1e-6 * max(1, |x_i|)}). Finite differences are only
 * meaningful where the function is smooth: keep points away from kinks such as relu or abs
 * at 0. Tensor functions with non-scalar output are checked through a fixed random
 * projection {@code sum(out * R)}, which tests the whole vector-Jacobian product.
 *
 * <p>Your own gradients — an adjoint written out, a manual backprop, a kernel with its own
 * backward — are checked with {@link #checkGradient}, {@link #checkJacobian} and
 * {@link #checkVjp}, which need no chainrule graph at all:
 *
 * <pre>{@code
 * GradCheck.withDefaults().checkGradient(x -> x[0] * x[0] * x[1], x -> new double[] {2 * x[0] * x[1], x[0] * x[0]},
 *         1.5, -2.0).assertPassed();
 * GradCheck.withDefaults().richardson(4).fast().checkGradient(f, myGrad, x);   // 10^5 inputs, a few evaluations
 * }</pre>
 *
 * <p>Steps are chosen per input from its scale ({@code h * max(1, |x_i|)}, see {@link NumericDiff});
 * {@link #richardson} extrapolates to order 4 or 6 for badly scaled functions. {@link #fast} compares
 * {@code uᵀ J v} for a random direction instead of every input and, only when that fails, bisects
 * the direction into blocks to name the failing inputs in O(log n) more checks. What your
 * functions return is checked where it comes back, in every mode: a null, a NaN or infinity, a
 * gradient or Jacobian of the wrong size, ragged Jacobian rows, or an output whose size changes
 * with the point is refused with an {@link IllegalArgumentException} naming the check, the sizes
 * and where it was evaluated.
 *
 * <p>The checks record their own graphs, so they work the same inside a
 * {@link GradMode#disabled()} scope. Instances are immutable; {@link #step} and
 * {@link #tolerance} return new ones.
 */
public final class GradCheck {
    private static final GradCheck DEFAULTS = new GradCheck(1e-6, 1e-5, 1e-3, 2, false, null);
    /** Fixed seed for projections, so a failing check reproduces exactly. */
    private static final long PROJECTION_SEED = 0x5EED_C4A1_2L;

    private final double step;
    private final double atol;
    private final double rtol;
    private final int order;
    private final boolean fast;
    /** What reports call the inputs of the scalar checks; null for {@code x[0], x[1], ...}. */
    private final List<String> names;

    private GradCheck(double step, double atol, double rtol, int order, boolean fast, List<String> names) {
        this.step = step;
        this.atol = atol;
        this.rtol = rtol;
        this.order = order;
        this.fast = fast;
        this.names = names;
    }

    /**
     * A checker with step 1e-6 (scaled per input), plain central differences, atol 1e-5 and rtol 1e-3.
     *
     * @return the default checker (shared; it is immutable)
     */
    public static GradCheck withDefaults() {
        return DEFAULTS;
    }

    /**
     * The same checker with another base finite-difference step.
     *
     * @param h the base step, positive and finite; input i is moved by {@code h * max(1, |x_i|)}
     * @return a new checker
     */
    public GradCheck step(double h) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("GradCheck.step: h must be positive and finite, got " + h);
        }
        return new GradCheck(h, atol, rtol, order, fast, names);
    }

    /**
     * The same checker with other tolerances: an entry passes when
     * {@code |analytic - numeric| <= absolute + relative * |numeric|}.
     *
     * @param absolute the absolute tolerance (atol), non-negative
     * @param relative the relative tolerance (rtol), non-negative
     * @return a new checker
     */
    public GradCheck tolerance(double absolute, double relative) {
        if (!(absolute >= 0) || !(relative >= 0)) {
            throw new IllegalArgumentException("GradCheck.tolerance: tolerances must be non-negative, got atol "
                    + absolute + ", rtol " + relative);
        }
        return new GradCheck(step, absolute, relative, order, fast, names);
    }

    /**
     * The same checker with Richardson extrapolation of the central differences.
     *
     * @param order 4 or 6 (the accuracy order; 2 is plain central differences, see {@link #order})
     * @return a new checker
     */
    public GradCheck richardson(int order) {
        if (order != 4 && order != 6) {
            throw new IllegalArgumentException("GradCheck.richardson: order must be 4 or 6, got " + order);
        }
        return order(order);
    }

    /**
     * The same checker with finite differences of accuracy order 2 (plain central), 4 or 6.
     *
     * @param order 2, 4 or 6
     * @return a new checker
     */
    public GradCheck order(int order) {
        if (order != 2 && order != 4 && order != 6) {
            throw new IllegalArgumentException("GradCheck.order: order must be 2, 4 or 6, got " + order);
        }
        return new GradCheck(step, atol, rtol, order, fast, names);
    }

    /**
     * The same checker in fast mode, for user-supplied gradients ({@link #checkGradient},
     * {@link #checkJacobian}, {@link #checkVjp}): one random directional comparison
     * {@code uᵀ J v} instead of one finite difference per input, and on failure a bisection
     * over blocks of {@code v} that names the failing inputs. Use a tight {@link #tolerance}:
     * an error in one of n inputs is diluted by about {@code 1/sqrt(n)} in a random direction.
     * A direction's rtol is taken of {@code max(|numeric|, |g∘d|₂)} (the root sum of squares of
     * the terms {@code g_i d_i}, the directional derivative's typical size over random signs),
     * since {@code g · d} can cancel far below that while the numeric error does not.
     *
     * @return a new checker
     */
    public GradCheck fast() {
        return new GradCheck(step, atol, rtol, order, true, names);
    }

    /**
     * The same checker with names for the inputs of {@link #check}, {@link #checkSecondOrder}
     * and {@link #checkGradient}: their reports then say {@code y} and {@code d2f/dx dy}
     * instead of {@code x[1]} and {@code d2f/dx[0]dx[1]}. A check at a point with another
     * number of inputs is refused.
     *
     * @param names one distinct, non-blank name per input
     * @return a new checker
     */
    public GradCheck inputNames(String... names) {
        Objects.requireNonNull(names, "GradCheck.inputNames: the names are null");
        List<String> list = Arrays.asList(names.clone());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null || list.get(i).isBlank() || list.indexOf(list.get(i)) != i) {
                throw new IllegalArgumentException("GradCheck.inputNames: names must be distinct and non-blank, got "
                        + list);
            }
        }
        return new GradCheck(step, atol, rtol, order, fast, List.copyOf(list));
    }

    /** How reports call input {@code i}. */
    private String input(int i) {
        return names == null ? "x[" + i + "]" : names.get(i);
    }

    /** Refuses a point whose number of inputs differs from the names given. */
    private void requireNames(String op, double[] x) {
        if (names != null && names.size() != x.length) {
            throw new IllegalArgumentException("GradCheck." + op + ": " + names.size() + " input names " + names
                    + " for a point of " + x.length + " inputs");
        }
    }

    /** @return the numeric differentiator this checker uses (its step and order) */
    public NumericDiff numericDiff() {
        return NumericDiff.central(step).order(order);
    }

    /**
     * @return the settings, e.g. {@code "GradCheck(central differences, order 4 (Richardson), step 1.0E-6 * max(1, |x_i|),
     *     atol 1.0E-5, rtol 0.001, fast mode)"}
     */
    @Override
    public String toString() {
        return "GradCheck(" + numericDiff() + ", atol " + atol + ", rtol " + rtol + (fast ? ", fast mode" : "") + ")";
    }

    // ---------------------------------------------------------------- user-supplied gradients

    /**
     * Checks a hand-written gradient of a scalar function against finite differences at {@code x}.
     *
     * @param f    the function; finite near {@code x}
     * @param grad your gradient of {@code f}: one finite entry per input
     * @param x    the point (finite)
     * @return one entry per input (or, in fast mode, per direction and per named failing input)
     */
    public Report checkGradient(ToDoubleFunction<double[]> f, Function<double[], double[]> grad, double... x) {
        Objects.requireNonNull(grad, "GradCheck.checkGradient: the gradient is null");
        requireArgs("checkGradient", f, x);
        requireNames("checkGradient", x);
        IntFunction<String> label = this::input;
        ToDoubleFunction<double[]> checked = SuppliedGradient.finite(f, x, "checkGradient", label);
        checked.applyAsDouble(x.clone());
        double[] analytic = SuppliedGradient.gradient(grad, x, label);
        List<Entry> entries = SuppliedGradient.compare(this, checked, analytic, x, label);
        return new Report("gradient", entries, null, this, fast);
    }

    /**
     * Checks a hand-written Jacobian of a vector function against finite differences at {@code x}.
     *
     * @param f   the function; every call must return as many outputs as at {@code x}
     * @param jac your Jacobian: {@code jac(x)[i][j] = ∂f_i/∂x_j} (rows = outputs)
     * @param x   the point (finite)
     * @return one entry per Jacobian element {@code df[i]/dx[j]} (fast mode: the projection
     *     {@code uᵀ J} for a fixed random {@code u}, drilled down to failing inputs)
     */
    public Report checkJacobian(Function<double[], double[]> f, Function<double[], double[][]> jac, double... x) {
        Objects.requireNonNull(jac, "GradCheck.checkJacobian: the Jacobian is null");
        requireArgs("checkJacobian", f, x);
        requireNames("checkJacobian", x);
        IntFunction<String> label = this::input;
        double[] out = SuppliedGradient.output(f, x, "checkJacobian");
        Function<double[], double[]> checked = SuppliedGradient.sized(f, x, out.length, "checkJacobian", label);
        double[][] j = SuppliedGradient.jacobian(jac, x, out.length);
        if (fast) {
            double[] u = gaussian(new Random(PROJECTION_SEED), out.length);
            ToDoubleFunction<double[]> projected = p -> dotProduct(u, checked.apply(p));
            double[] jtu = new double[x.length];
            for (int i = 0; i < out.length; i++) {
                for (int k = 0; k < x.length; k++) {
                    jtu[k] += u[i] * j[i][k];
                }
            }
            return new Report("Jacobian (projected on random u)",
                    SuppliedGradient.compare(this, projected, jtu, x, k -> "uᵀJ x[" + k + "]"), null, this, true);
        }
        return new Report("Jacobian", SuppliedGradient.compareJacobian(this, checked, j, x), null, this);
    }

    /**
     * Checks a hand-written vector-Jacobian product of a tensor function at {@code x}: your
     * {@code vjp(x, u)} against finite differences of {@code sum(f(x) * u)} for a fixed random
     * {@code u} of the output's shape (which tests the whole Jacobian up to that projection).
     *
     * @param f   the function; evaluated on constants, with recording off; every call must return
     *            the shape it has at {@code x}
     * @param vjp your backward: given the input and the upstream gradient {@code u} (shaped like
     *            {@code f(x)}), the gradient of {@code sum(f(x) * u)} with respect to {@code x},
     *            shaped like {@code x}
     * @param x   the point (finite)
     * @return one entry per element of {@code x} (fast mode: per direction and named failing element)
     */
    public Report checkVjp(Function<Tensor, Tensor> f, BiFunction<Tensor, Tensor, Tensor> vjp, Tensor x) {
        Objects.requireNonNull(vjp, "GradCheck.checkVjp: the vjp is null");
        Objects.requireNonNull(x, "GradCheck.checkVjp: x is null");
        double[] at = x.toArray();
        requireArgs("checkVjp", f, at);
        int[] shape = x.shape();
        IntFunction<String> label = k -> "x " + Arrays.toString(Shapes.unravel(k, shape));
        Tensor out = SuppliedGradient.apply(f, at, shape, null, at, label);
        int[] outShape = out.shape();
        double[] u = gaussian(new Random(PROJECTION_SEED), out.size());
        double[] analytic = SuppliedGradient.vjp(vjp, x, Tensor.constant(u, outShape), label);
        ToDoubleFunction<double[]> projected = p -> dotProduct(u, SuppliedGradient.apply(f, p, shape, outShape, at, label)
                .toArray());
        List<Entry> entries = SuppliedGradient.compare(this, projected, analytic, at, label);
        return new Report("vjp", entries, null, this, fast);
    }

    /**
     * Throws an {@link AssertionError} carrying the report when a hand-written gradient is wrong.
     *
     * @param f    the function
     * @param grad your gradient of it
     * @param x    the point
     */
    public static void assertGradient(ToDoubleFunction<double[]> f, Function<double[], double[]> grad, double... x) {
        DEFAULTS.checkGradient(f, grad, x).assertPassed();
    }

    /**
     * Throws an {@link AssertionError} carrying the report when a hand-written Jacobian is wrong.
     *
     * @param f   the function
     * @param jac your Jacobian of it (rows = outputs)
     * @param x   the point
     */
    public static void assertJacobian(Function<double[], double[]> f, Function<double[], double[][]> jac, double... x) {
        DEFAULTS.checkJacobian(f, jac, x).assertPassed();
    }

    /**
     * Throws an {@link AssertionError} carrying the report when a hand-written vjp is wrong.
     *
     * @param f   the function
     * @param vjp your backward of it
     * @param x   the point
     */
    public static void assertVjp(Function<Tensor, Tensor> f, BiFunction<Tensor, Tensor, Tensor> vjp, Tensor x) {
        DEFAULTS.checkVjp(f, vjp, x).assertPassed();
    }

    // ---------------------------------------------------------------- scalar functions

    /**
     * Checks the gradient of a scalar function of {@code x.length} variables at {@code x}.
     *
     * @param f built from {@link Value} operations on the list it is given
     * @param x the point (finite)
     * @return one entry per input; on failure, {@link Report#firstBadNode()} names the first wrong node
     */
    public Report check(Function<List<Value>, Value> f, double... x) {
        return recording(() -> checkRecorded(f, x));
    }

    /** {@link #check} with recording on. */
    private Report checkRecorded(Function<List<Value>, Value> f, double... x) {
        requireArgs("check", f, x);
        requireNames("check", x);
        List<Value> vars = Value.listOf(x);
        Value out = call(f, vars, "check");
        if (out.requiresGrad()) {
            out.backward(true);
        }
        double[] numeric = centralDifferences(x, xs -> evalConstant(f, xs));
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            entries.add(entry(input(i), i, vars.get(i).grad(), numeric[i]));
        }
        boolean passed = entries.stream().allMatch(Entry::ok);
        BadNode bad = passed || !out.requiresGrad() ? null : LocalCheck.firstBad(out, this);
        return new Report("gradient", entries, bad, this);
    }

    /**
     * Checks second derivatives of a scalar function at {@code x}: the Hessian built by
     * differentiating the gradient graph ({@code createGraph}) against finite differences of
     * the first-order gradient, and the graph-path gradient against the fast path.
     *
     * @param f built from {@link Value} operations on the list it is given
     * @param x the point (finite)
     * @return the graph-vs-fast-path entries, then one entry per Hessian element {@code d2f/dx[i]dx[j]}
     */
    public Report checkSecondOrder(Function<List<Value>, Value> f, double... x) {
        return recording(() -> checkSecondOrderRecorded(f, x));
    }

    /** {@link #checkSecondOrder} with recording on. */
    private Report checkSecondOrderRecorded(Function<List<Value>, Value> f, double... x) {
        requireArgs("checkSecondOrder", f, x);
        requireNames("checkSecondOrder", x);
        List<Value> vars = Value.listOf(x);
        Value out = call(f, vars, "checkSecondOrder");
        List<Entry> entries = new ArrayList<>();
        double[] fast = Autograd.gradient(f, x);
        if (!out.requiresGrad()) {
            return new Report("second order", entries, null, this);
        }
        List<Value> first = Autograd.grad(out, vars, true);
        for (int i = 0; i < x.length; i++) {
            entries.add(entry("df/d" + input(i) + " graph vs fast path", i, first.get(i).data(), fast[i]));
        }
        double[][] numeric = new double[x.length][];
        for (int j = 0; j < x.length; j++) {
            numeric[j] = centralDifferencesOfVector(x, j, xs -> Autograd.gradient(f, xs));
        }
        for (int i = 0; i < x.length; i++) {
            List<Value> second = first.get(i).requiresGrad()
                    ? Autograd.grad(first.get(i), vars, false, true) : null;
            for (int j = 0; j < x.length; j++) {
                double analytic = second == null ? 0 : second.get(j).data();
                String what = "d2f/d" + input(i) + (names == null ? "" : " ") + "d" + input(j);
                entries.add(entry(what, i * x.length + j, analytic, numeric[j][i]));
            }
        }
        boolean passed = entries.stream().allMatch(Entry::ok);
        BadNode bad = passed ? null : LocalCheck.firstBad(out, this);
        return new Report("second order", entries, bad, this);
    }

    // ---------------------------------------------------------------- tensor functions

    /**
     * Checks the gradient of a tensor function with respect to every element of every input.
     * The inputs are read for their data and shape only; the check differentiates fresh leaves,
     * always float64: float32 inputs are widened (and the report says so), and a function that
     * returns float32 is refused, since finite differences in float32 would be noise.
     *
     * @param f      built from {@link Tensor} operations on the list it is given; a non-scalar
     *               output is checked through a fixed random projection
     * @param inputs the point: one tensor per argument of {@code f} (finite)
     * @return one entry per element of every input
     */
    public Report checkTensors(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        return recording(() -> checkTensorsRecorded(f, inputs));
    }

    /** {@link #checkTensors} with recording on. */
    private Report checkTensorsRecorded(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        requireTensorArgs("checkTensors", f, inputs);
        double[][] x = dataOf(inputs);
        double[][] analytic = tensorGradient(f, inputs, x);
        List<Entry> entries = new ArrayList<>();
        compareElements(entries, inputs, x, analytic, xs -> projected(f, inputs, xs), "");
        return new Report("tensor gradient" + float32Note(inputs), entries, null, this);
    }

    /**
     * Checks gradients of gradients of a tensor function: the gradient graph (built with
     * {@code createGraph}) is projected on fixed random tensors and differentiated again, against
     * finite differences of the first-order gradient. The graph-path first-order gradient is
     * also compared with the fast path.
     *
     * @param f      built from {@link Tensor} operations on the list it is given
     * @param inputs the point: one tensor per argument of {@code f} (finite)
     * @return the graph-vs-fast-path entries, then one Hessian-vector entry per element of every input
     */
    public Report checkTensorsSecondOrder(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        return recording(() -> checkTensorsSecondOrderRecorded(f, inputs));
    }

    /** {@link #checkTensorsSecondOrder} with recording on. */
    private Report checkTensorsSecondOrderRecorded(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        requireTensorArgs("checkTensorsSecondOrder", f, inputs);
        double[][] x = dataOf(inputs);
        double[][] fast = tensorGradient(f, inputs, x);
        double[][] weights = new double[inputs.length][];
        Random rng = new Random(PROJECTION_SEED + 1);
        for (int k = 0; k < inputs.length; k++) {
            weights[k] = gaussian(rng, inputs[k].size());
        }
        List<Tensor> leaves = leaves(inputs, x);
        Tensor loss = projectedLoss(f, leaves);
        List<Entry> entries = new ArrayList<>();
        if (!loss.requiresGrad()) {
            return new Report("tensor second order" + float32Note(inputs), entries, null, this);
        }
        List<Tensor> first = Autograd.grad(List.of(loss), leaves, null, true, true);
        Tensor s = null;
        for (int k = 0; k < inputs.length; k++) {
            double[] g = first.get(k).toArray();
            for (int j = 0; j < g.length; j++) {
                entries.add(entry("input " + k + " graph vs fast path", j, g[j], fast[k][j]));
            }
            Tensor term = first.get(k).mul(Tensor.constant(weights[k], inputs[k].shape())).sum();
            s = s == null ? term : s.add(term);
        }
        if (s != null && s.requiresGrad()) {
            s.backward();
        }
        double[][] hessianVector = new double[inputs.length][];
        for (int k = 0; k < inputs.length; k++) {
            hessianVector[k] = gradArray(leaves.get(k));
        }
        compareElements(entries, inputs, x, hessianVector, xs -> {
            double[][] g = tensorGradient(f, inputs, xs);
            double sum = 0;
            for (int m = 0; m < g.length; m++) {
                sum += dotProduct(g[m], weights[m]);
            }
            return sum;
        }, " (Hessian-vector)");
        return new Report("tensor second order" + float32Note(inputs), entries, null, this);
    }

    // ---------------------------------------------------------------- assertion forms

    /**
     * Throws an {@link AssertionError} carrying the report when the gradient check fails.
     *
     * @param f built from {@link Value} operations on the list it is given
     * @param x the point
     */
    public static void assertGradients(Function<List<Value>, Value> f, double... x) {
        DEFAULTS.check(f, x).assertPassed();
    }

    /**
     * Throws an {@link AssertionError} carrying the report when the second-order check fails.
     *
     * @param f built from {@link Value} operations on the list it is given
     * @param x the point
     */
    public static void assertSecondOrder(Function<List<Value>, Value> f, double... x) {
        DEFAULTS.checkSecondOrder(f, x).assertPassed();
    }

    /**
     * Throws an {@link AssertionError} carrying the report when the tensor gradient check fails.
     *
     * @param f      built from {@link Tensor} operations on the list it is given
     * @param inputs the point
     */
    public static void assertTensorGradients(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        DEFAULTS.checkTensors(f, inputs).assertPassed();
    }

    /**
     * Throws an {@link AssertionError} carrying the report when the tensor second-order check fails.
     *
     * @param f      built from {@link Tensor} operations on the list it is given
     * @param inputs the point
     */
    public static void assertTensorSecondOrder(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        DEFAULTS.checkTensorsSecondOrder(f, inputs).assertPassed();
    }

    // ---------------------------------------------------------------- report

    /**
     * One compared number.
     *
     * @param input    which derivative: {@code x[1]}, {@code input 0 [2, 1]}, {@code d2f/dx[0]dx[1]}
     * @param index    its position in the flattened input (or Hessian, or Jacobian row-major;
     *                 for a fast-mode direction, the first input of its block)
     * @param analytic what the engine computed
     * @param numeric  the central finite difference
     * @param absError {@code |analytic - numeric|}
     * @param relError {@code absError / max(|numeric|, tiny)}
     * @param ok       whether it is within tolerance
     */
    public record Entry(String input, int index, double analytic, double numeric, double absError,
                        double relError, boolean ok) {
    }

    /**
     * The first node, in evaluation order, whose own local derivative disagrees with finite
     * differences of its own forward (or whose graph-form derivative disagrees with its
     * numeric one): where to look when a composed expression fails.
     *
     * @param position the node's index in evaluation order (inputs before the nodes using them)
     * @param op       the node's operation
     * @param input    which of its inputs the derivative is taken with respect to
     * @param node     the node, described with its value
     * @param analytic the op's derivative rule at that point
     * @param numeric  the finite difference of the op's forward at that point
     */
    public record BadNode(int position, String op, int input, String node, double analytic, double numeric) {
        /** @return e.g. {@code "node #3 'tanh' tanh(0.5): d/d(input 0) analytic 0.9 vs numeric 0.786"} */
        @Override
        public String toString() {
            return "node #" + position + " '" + op + "' " + node + ": d/d(input " + input + ") analytic "
                    + analytic + " vs numeric " + numeric;
        }
    }

    /** The outcome of a check: one entry per compared derivative, plus a diagnosis on failure. */
    public static final class Report {
        private final String kind;
        private final List<Entry> entries;
        private final BadNode badNode;
        private final GradCheck settings;
        private final boolean fast;

        Report(String kind, List<Entry> entries, BadNode badNode, GradCheck settings) {
            this(kind, entries, badNode, settings, false);
        }

        Report(String kind, List<Entry> entries, BadNode badNode, GradCheck settings, boolean fast) {
            this.kind = kind;
            this.fast = fast;
            this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
            this.badNode = badNode;
            this.settings = settings;
        }

        /** @return true when every entry is within tolerance (also when nothing was compared) */
        public boolean passed() {
            return entries.stream().allMatch(Entry::ok);
        }

        /** @return every compared derivative, in input order (unmodifiable) */
        public List<Entry> entries() {
            return entries;
        }

        /** @return the entries outside tolerance, in input order */
        public List<Entry> failures() {
            return entries.stream().filter(e -> !e.ok()).toList();
        }

        /**
         * For a failed check of a {@link Value} function: the first node whose own derivative is wrong.
         *
         * @return that node, empty when the check passed or was not of a {@link Value} graph
         */
        public Optional<BadNode> firstBadNode() {
            return Optional.ofNullable(badNode);
        }

        /**
         * The entry furthest outside (or, when all pass, closest to) its tolerance: the input to
         * look at first.
         *
         * @return that entry, empty when nothing was compared
         */
        public Optional<Entry> worst() {
            List<Entry> pool = passed() ? entries : failures();
            Entry worst = null;
            double worstRatio = -1;
            for (Entry e : pool) {
                double ratio = e.absError() / (settings.atol + settings.rtol * Math.abs(e.numeric()) + Double.MIN_NORMAL);
                if (ratio > worstRatio) {
                    worst = e;
                    worstRatio = ratio;
                }
            }
            return Optional.ofNullable(worst);
        }

        /** @return how the numeric derivatives were taken: method, order, step rule and fast mode */
        public String method() {
            return settings.numericDiff() + (fast ? ", fast mode (random direction, bisection on failure)" : "");
        }

        /** @return the accuracy order of the finite differences: 2, 4 or 6 */
        public int order() {
            return settings.order;
        }

        /** @return the base step h (each input's step is {@code h * max(1, |x_i|)}) */
        public double step() {
            return settings.step;
        }

        /**
         * Throws an {@link AssertionError} with this report's text unless it passed.
         *
         * @return this report, when it passed
         */
        public Report assertPassed() {
            if (!passed()) {
                throw new AssertionError(toString());
            }
            return this;
        }

        /** A table of the entries (failures first, at most 40 rows), tolerances and any bad node. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            List<Entry> bad = failures();
            sb.append("GradCheck ").append(kind).append(": ").append(passed() ? "PASSED" : "FAILED")
                    .append(" (").append(entries.size() - bad.size()).append('/').append(entries.size())
                    .append(" within atol ").append(settings.atol).append(" + rtol ").append(settings.rtol)
                    .append(" * |numeric|").append(fast ? ", for a direction d: * max(|numeric|, |g∘d|₂)" : "")
                    .append(")\n");
            sb.append("  numeric: ").append(method()).append('\n');
            worst().filter(e -> !e.ok()).ifPresent(e -> sb.append("  worst: ").append(e.input())
                    .append(" (analytic ").append(e.analytic()).append(", numeric ").append(e.numeric()).append(")\n"));
            sb.append(String.format("  %-36s %22s %22s %11s %11s%n", "derivative", "analytic", "numeric",
                    "abs err", "rel err"));
            List<Entry> shown = new ArrayList<>(bad);
            entries.stream().filter(Entry::ok).forEach(shown::add);
            for (int i = 0; i < Math.min(shown.size(), 40); i++) {
                Entry e = shown.get(i);
                sb.append(String.format("%s %-36s %22.15g %22.15g %11.3e %11.3e%n", e.ok() ? " " : "!",
                        e.input(), e.analytic(), e.numeric(), e.absError(), e.relError()));
            }
            if (shown.size() > 40) {
                sb.append("  ... ").append(shown.size() - 40).append(" more\n");
            }
            if (fast && !passed() && failures().stream().allMatch(e -> e.input().startsWith("direction"))) {
                sb.append("  (fast mode could not narrow the failing direction to single inputs; check without fast())\n");
            }
            if (badNode != null) {
                sb.append("  first node whose own derivative disagrees: ").append(badNode).append('\n');
            } else if (!passed() && kind.startsWith("tensor")) {
                sb.append("  (node-level diagnosis is available for Value graphs)\n");
            }
            return sb.toString();
        }
    }

    // ---------------------------------------------------------------- internals

    /** Runs a check with recording on, so it works the same inside a no-grad scope. */
    private static Report recording(Supplier<Report> check) {
        try (var on = GradMode.enabled()) {
            return check.get();
        }
    }

    Entry entry(String what, int index, double analytic, double numeric) {
        return directionEntry(what, index, analytic, numeric, 0);
    }

    /**
     * As {@link #entry} for a directional derivative {@code g · d} whose terms {@code g_i d_i}
     * have root sum of squares {@code scale}: rtol applies to the larger of {@code |numeric|} and
     * {@code scale}, since the sum can cancel below the size of its terms while the numeric
     * error does not (see {@link FastCheck}).
     */
    Entry directionEntry(String what, int index, double analytic, double numeric, double scale) {
        double abs = Math.abs(analytic - numeric);
        double rel = abs / Math.max(Math.abs(numeric), Double.MIN_NORMAL);
        boolean ok = abs <= atol + rtol * Math.max(Math.abs(numeric), scale) || (analytic == numeric);
        return new Entry(what, index, analytic, numeric, abs, rel, ok);
    }

    double stepSize() {
        return step;
    }

    /** Evaluates {@code f} on constants with recording off. */
    private static double evalConstant(Function<List<Value>, Value> f, double[] x) {
        try (var off = GradMode.disabled()) {
            List<Value> c = new ArrayList<>(x.length);
            for (double d : x) {
                c.add(Value.constant(d));
            }
            return call(f, c, "check").data();
        }
    }

    private double[] centralDifferences(double[] x, ToDoubleFunction<double[]> f) {
        return tensorCentralDifferences(new double[][] {x}, 0, p -> f.applyAsDouble(p[0]));
    }

    /** d(g(x))/dx_j for a vector function g, by (extrapolated) central differences. */
    double[] centralDifferencesOfVector(double[] x, int j, Function<double[], double[]> g) {
        double[] p = x.clone();
        return numericDiff().alongLineVector(t -> {
            p[j] = x[j] + t;
            return g.apply(p);
        }, numericDiff().stepFor(x[j]));
    }

    private double[] tensorCentralDifferences(double[][] x, int k, ToDoubleFunction<double[][]> f) {
        NumericDiff d = numericDiff();
        double[] out = new double[x[k].length];
        double[][] p = x.clone();
        p[k] = x[k].clone();
        for (int j = 0; j < out.length; j++) {
            int at = j;
            out[j] = d.alongLine(t -> {
                p[k][at] = x[k][at] + t;
                return f.applyAsDouble(p);
            }, d.stepFor(x[k][j]));
            p[k][j] = x[k][j];
        }
        return out;
    }

    boolean fastMode() {
        return fast;
    }

    /**
     * One entry per element of every input: {@code analytic[k][j]} against the central
     * difference of {@code f} in that element, labelled with the input and its index.
     */
    private void compareElements(List<Entry> entries, Tensor[] inputs, double[][] x, double[][] analytic,
                                 ToDoubleFunction<double[][]> f, String label) {
        for (int k = 0; k < inputs.length; k++) {
            double[] numeric = tensorCentralDifferences(x, k, f);
            int[] shape = inputs[k].shape();
            for (int j = 0; j < numeric.length; j++) {
                entries.add(entry("input " + k + " " + Arrays.toString(Shapes.unravel(j, shape)) + label,
                        j, analytic[k][j], numeric[j]));
            }
        }
    }

    /** The fast-path gradient of the projected loss, one array per input (zeros where none flows). */
    private static double[][] tensorGradient(Function<List<Tensor>, Tensor> f, Tensor[] inputs, double[][] x) {
        List<Tensor> leaves = leaves(inputs, x);
        Tensor loss = projectedLoss(f, leaves);
        if (loss.requiresGrad()) {
            loss.backward();
        }
        double[][] g = new double[inputs.length][];
        for (int k = 0; k < inputs.length; k++) {
            g[k] = gradArray(leaves.get(k));
        }
        return g;
    }

    private static double projected(Function<List<Tensor>, Tensor> f, Tensor[] inputs, double[][] x) {
        try (var off = GradMode.disabled()) {
            return projectedLoss(f, leaves(inputs, x)).item();
        }
    }

    /** {@code out} itself when it has one element, else {@code sum(out * R)} for a fixed random R. */
    private static Tensor projectedLoss(Function<List<Tensor>, Tensor> f, List<Tensor> leaves) {
        Tensor out = Objects.requireNonNull(f.apply(leaves), "GradCheck: the function returned null");
        if (out.dtype() == DType.F32) {
            throw new IllegalArgumentException("GradCheck: the function returned a float32 " + Arrays.toString(out.shape())
                    + " tensor from float64 inputs; finite differences need float64 (float32 keeps ~7 digits, so a step "
                    + "of 1e-6 leaves almost none): check the function computing in float64 (without its to(DType.F32))");
        }
        if (out.size() == 1) {
            return out.sum();
        }
        double[] r = gaussian(new Random(PROJECTION_SEED), out.size());
        return out.mul(Tensor.constant(r, out.shape())).sum();
    }

    private static List<Tensor> leaves(Tensor[] inputs, double[][] x) {
        List<Tensor> leaves = new ArrayList<>(inputs.length);
        for (int k = 0; k < inputs.length; k++) {
            int[] shape = inputs[k].shape();
            leaves.add(GradMode.isEnabled() ? Tensor.of(x[k], shape) : Tensor.constant(x[k], shape));
        }
        return leaves;
    }

    private static double[] gradArray(Tensor leaf) {
        Tensor g = leaf.grad();
        return g == null ? new double[leaf.size()] : g.toArray();
    }

    /**
     * Said in the report when any input is float32: the check always differentiates float64
     * copies (finite differences in float32 would be noise), so it checks the op's rules, not
     * float32 rounding.
     */
    private static String float32Note(Tensor[] inputs) {
        for (Tensor t : inputs) {
            if (t.dtype() == DType.F32) {
                return " (float32 inputs, checked in float64)";
            }
        }
        return "";
    }

    private static double[][] dataOf(Tensor[] inputs) {
        double[][] x = new double[inputs.length][];
        for (int k = 0; k < inputs.length; k++) {
            x[k] = inputs[k].toArray();
        }
        return x;
    }

    static double[] gaussian(Random rng, int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = rng.nextGaussian();
        }
        return r;
    }

    static double dotProduct(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static Value call(Function<List<Value>, Value> f, List<Value> vars, String op) {
        return Objects.requireNonNull(f.apply(vars), () -> "GradCheck." + op + ": the function returned null");
    }

    private static void requireArgs(String op, Object f, double[] x) {
        Objects.requireNonNull(f, () -> "GradCheck." + op + ": the function is null");
        Objects.requireNonNull(x, () -> "GradCheck." + op + ": the point x is null");
        requireFinite(op, "x", x);
    }

    /** Finite differences at a NaN or infinite point compare NaN with NaN: every entry would "fail". */
    private static void requireFinite(String op, String name, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("GradCheck." + op + ": " + name + "[" + i + "] is " + x[i]
                        + "; gradients can only be checked at finite points");
            }
        }
    }

    private static void requireTensorArgs(String op, Object f, Tensor[] inputs) {
        Objects.requireNonNull(f, () -> "GradCheck." + op + ": the function is null");
        Objects.requireNonNull(inputs, () -> "GradCheck." + op + ": inputs is null");
        for (int k = 0; k < inputs.length; k++) {
            int index = k;
            Objects.requireNonNull(inputs[k], () -> "GradCheck." + op + ": inputs[" + index + "] is null");
            requireFinite(op, "inputs[" + k + "]", inputs[k].toArray());
        }
    }
}
