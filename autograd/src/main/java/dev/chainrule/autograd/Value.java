package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A scalar node of the computational graph: one {@code double}, its gradient, and the
 * operation and inputs it was computed from.
 *
 * <pre>{@code
 * Value x = Value.of(2), y = Value.of(3);
 * Value z = x.mul(y).add(x.sin());     // records the graph as it computes
 * z.backward();                         // dz/dx = y + cos x, dz/dy = x
 * x.grad();                             // 2.5838531634528574
 * }</pre>
 *
 * <h2>What accumulates and what does not</h2>
 * <ul>
 *   <li>Leaves made with {@link #of(double)} <b>accumulate</b>: every {@link #backward()}
 *       adds into their gradient, so call {@link #zeroGrad()} (or your optimizer's
 *       {@code zeroGrad()}) between training steps.</li>
 *   <li>Interior nodes never carry a stale gradient into a new pass: each backward pass
 *       starts them at zero. After the pass their {@link #grad()} shows that pass's value,
 *       so every intermediate gradient can be inspected.</li>
 *   <li>A node used several times receives the sum over all paths; no special care needed.</li>
 *   <li>After a backward pass the graph is released: a second pass through it throws an
 *       {@link IllegalStateException}, unless the first was {@link #backward(boolean)
 *       backward(true)}. Releasing frees it: each node forgets its inputs, so keeping a result
 *       (a loss in a list) keeps one number, not the graph ({@link GraphExport} draws a graph
 *       after {@code backward(true)}).</li>
 *   <li>Changing a leaf with {@link #setData(double)} (as an optimizer step does) after a node
 *       used it makes a later backward pass through that node throw: its derivative would mix
 *       old and new values. Run the forward pass again after updating parameters.</li>
 *   <li>{@link #constant(double)} values, results computed only from constants, and results
 *       computed under {@link GradMode#disabled()} never get gradients.</li>
 * </ul>
 * A {@code Value} is immutable except for its gradient and, for leaves only, its data
 * ({@link #setData(double)}), which optimizers update. Threads: one graph belongs to one
 * thread at a time; independent graphs (sharing no leaf that wants a gradient or that anyone
 * changes) run on any number of threads at once, since nothing global is written.
 */
public final class Value extends Node implements Num<Value> {
    private static final Value[] NONE = new Value[0];

    private double data;
    private double grad;
    /** The op's constant parameter: the exponent of pow(double), the slope of leakyRelu. */
    final double aux;
    private final ScalarOp op;
    /**
     * The registry op with its parameters when {@code op} is {@link ScalarOp#FUNCTION}, the
     * user's function when it is {@link ScalarOp#CUSTOM}, else null. One field for both keeps
     * a node at 72 bytes (80 with two cost a scalar MLP's step 4 %).
     */
    final BoundOp fn;
    private String label;

    /** A leaf: no inputs, so nothing to check before backward. */
    private Value(double data, ScalarOp op, boolean requiresGrad) {
        this(data, op, null, 0, NONE, requiresGrad, 0, CHECK_NONE);
    }

    /**
     * {@code versions}: the inputs' versions summed, as {@link Node#readVersions()} gives it now;
     * {@code check}: {@link Node#versionCheck}.
     */
    private Value(double data, ScalarOp op, BoundOp fn, double aux, Value[] inputs, boolean requiresGrad,
                  int versions, byte check) {
        super(inputs, requiresGrad, versions, check);
        this.data = data;
        this.op = op;
        this.fn = fn;
        this.aux = aux;
    }

    // ---------------------------------------------------------------- factories

    /**
     * A leaf that wants a gradient: a variable or a trainable parameter.
     *
     * @param data the leaf's number
     * @return a new leaf with {@code requiresGrad} true
     */
    public static Value of(double data) {
        return new Value(data, ScalarOp.LEAF, true);
    }

    /**
     * A leaf that never gets a gradient.
     *
     * @param data the constant's number
     * @return a new leaf with {@code requiresGrad} false
     */
    public static Value constant(double data) {
        return new Value(data, ScalarOp.CONST, false);
    }

    /**
     * One leaf per number, each wanting a gradient.
     *
     * @param data the numbers
     * @return a new mutable list of new leaves, in order
     */
    public static List<Value> listOf(double... data) {
        Objects.requireNonNull(data, "Value.listOf: data is null");
        List<Value> values = new ArrayList<>(data.length);
        for (double d : data) {
            values.add(of(d));
        }
        return values;
    }

    /**
     * Records a node, or returns a constant when nothing upstream wants a gradient. Callers sum
     * the inputs' versions in the loop that reads them anyway (a second loop over a neuron's
     * inputs showed as 8 % of a scalar MLP's forward pass). {@code leafInput}: some input is a
     * leaf, the only kind of {@code Value} that {@link #setData} may change (true is always safe).
     */
    private static Value record(ScalarOp op, double data, double aux, Value[] inputs, boolean requires,
                                int versions, boolean leafInput) {
        return record(op, null, data, aux, inputs, requires, versions, leafInput);
    }

    private static Value record(ScalarOp op, BoundOp fn, double data, double aux, Value[] inputs,
                                boolean requires, int versions, boolean leafInput) {
        boolean reads = requires && op.reads != READS_NONE;
        int saved = reads ? versions : 0; // what readVersions() gives
        Value out = new Value(data, op, fn, aux, requires ? inputs : NONE, requires, saved,
                reads && leafInput ? CHECK_OWN : CHECK_NONE);
        if (!Double.isFinite(data) && Anomaly.checksForward()) {
            Anomaly.checkForward(new Value(data, op, fn, aux, inputs, requires, saved, CHECK_NONE), false);
        }
        return out;
    }

    /** A node of registry op {@code fn} (see {@link ElementwiseOps}) on one input. */
    static Value function(BoundOp fn, Value a) {
        return record(ScalarOp.FUNCTION, fn, fn.forward(a.data), 0, new Value[] {a},
                a.requiresGrad && GradMode.isEnabled(), a.ownVersion, a.leaf);
    }

    /** A node of registry op {@code fn} on two inputs. */
    static Value function(BoundOp fn, Value a, Value b) {
        return record(ScalarOp.FUNCTION, fn, fn.forward(a.data, b.data), 0, new Value[] {a, b},
                (a.requiresGrad || b.requiresGrad) && GradMode.isEnabled(), a.ownVersion + b.ownVersion,
                a.leaf | b.leaf);
    }

    /** A node of registry op {@code fn} on three inputs (lerp). */
    static Value function(BoundOp fn, Value a, Value b, Value c) {
        return record(ScalarOp.FUNCTION, fn, fn.forward(new double[] {a.data, b.data, c.data}), 0, new Value[] {a, b, c},
                (a.requiresGrad || b.requiresGrad || c.requiresGrad) && GradMode.isEnabled(),
                a.ownVersion + b.ownVersion + c.ownVersion, a.leaf | b.leaf | c.leaf);
    }

    // unary and binary ops build their input arrays directly: they are the hot path of scalar graphs
    private Value unary(ScalarOp op, double aux) {
        return record(op, op.apply(data, 0, aux), aux, new Value[] {this}, requiresGrad && GradMode.isEnabled(),
                ownVersion, leaf);
    }

    private Value binary(ScalarOp op, Value other, String method) {
        Objects.requireNonNull(other, () -> "Value." + method + ": the other operand is null");
        return record(op, op.apply(data, other.data, 0), 0, new Value[] {this, other},
                (requiresGrad || other.requiresGrad) && GradMode.isEnabled(), ownVersion + other.ownVersion,
                leaf | other.leaf);
    }

    // ---------------------------------------------------------------- arithmetic

    /** {@code this + other}. */
    public Value add(Value other) {
        return binary(ScalarOp.ADD, other, "add");
    }

    /** {@code this + c}. */
    public Value add(double c) {
        return unary(ScalarOp.ADD_CONST, c);
    }

    /** {@code this - other}. */
    public Value sub(Value other) {
        return binary(ScalarOp.SUB, other, "sub");
    }

    /** {@code this - c}. */
    public Value sub(double c) {
        return unary(ScalarOp.SUB_CONST, c);
    }

    /** {@code this * other}. */
    public Value mul(Value other) {
        return binary(ScalarOp.MUL, other, "mul");
    }

    /** {@code this * c}. */
    public Value mul(double c) {
        return unary(ScalarOp.MUL_CONST, c);
    }

    /** {@code this / other}; division by zero gives an infinity or NaN, as in IEEE 754. */
    public Value div(Value other) {
        return binary(ScalarOp.DIV, other, "div");
    }

    /** {@code this / c}. */
    public Value div(double c) {
        return unary(ScalarOp.DIV_CONST, c);
    }

    /** {@code -this}. */
    public Value neg() {
        return unary(ScalarOp.NEG, 0);
    }

    /** {@code this} raised to a constant power. */
    public Value pow(double exponent) {
        return unary(ScalarOp.POW, exponent);
    }

    /**
     * {@code this} raised to a differentiable power; the base should be positive where the exponent's gradient is wanted.
     *
     * @param exponent the exponent, any value
     * @return a new node {@code this^exponent}
     */
    public Value pow(Value exponent) {
        return binary(ScalarOp.POW_VALUE, exponent, "pow");
    }

    /**
     * Same as {@link #maximum(Value)}.
     *
     * @param other the other operand
     * @return a new node, the larger of the two
     */
    public Value max(Value other) {
        return maximum(other);
    }

    /**
     * Same as {@link #minimum(Value)}.
     *
     * @param other the other operand
     * @return a new node, the smaller of the two
     */
    public Value min(Value other) {
        return minimum(other);
    }

    // ---------------------------------------------------------------- functions

    /**
     * e to the power of this.
     *
     * @return a new value
     */
    public Value exp() {
        return ElementwiseOps.EXP.apply(this);
    }

    /**
     * Natural logarithm; {@code log(0) = -Infinity}, negative input gives NaN (IEEE 754).
     *
     * @return a new value
     */
    public Value log() {
        return ElementwiseOps.LOG.apply(this);
    }

    /**
     * log(1 + x), accurate for small x.
     *
     * @return a new value
     */
    public Value log1p() {
        return ElementwiseOps.LOG1P.apply(this);
    }

    /**
     * e^x - 1, accurate for small x.
     *
     * @return a new value
     */
    public Value expm1() {
        return ElementwiseOps.EXPM1.apply(this);
    }

    /**
     * Base-2 logarithm.
     *
     * @return a new value
     */
    public Value log2() {
        return ElementwiseOps.LOG2.apply(this);
    }

    /**
     * Base-10 logarithm.
     *
     * @return a new value
     */
    public Value log10() {
        return ElementwiseOps.LOG10.apply(this);
    }

    /**
     * 2 to the power of this.
     *
     * @return a new value
     */
    public Value exp2() {
        return ElementwiseOps.EXP2.apply(this);
    }

    /**
     * Square root; its derivative at 0 is infinite.
     *
     * @return a new value
     */
    public Value sqrt() {
        return ElementwiseOps.SQRT.apply(this);
    }

    /**
     * 1 / sqrt(x).
     *
     * @return a new value
     */
    public Value rsqrt() {
        return ElementwiseOps.RSQRT.apply(this);
    }

    /**
     * x * x.
     *
     * @return a new value
     */
    public Value square() {
        return ElementwiseOps.SQUARE.apply(this);
    }

    /**
     * 1 / x.
     *
     * @return a new value
     */
    public Value reciprocal() {
        return ElementwiseOps.RECIPROCAL.apply(this);
    }

    /**
     * Sine.
     *
     * @return a new value
     */
    public Value sin() {
        return ElementwiseOps.SIN.apply(this);
    }

    /**
     * Cosine.
     *
     * @return a new value
     */
    public Value cos() {
        return ElementwiseOps.COS.apply(this);
    }

    /**
     * Tangent.
     *
     * @return a new value
     */
    public Value tan() {
        return ElementwiseOps.TAN.apply(this);
    }

    /**
     * Inverse sine (NaN outside [-1, 1]).
     *
     * @return a new value
     */
    public Value asin() {
        return ElementwiseOps.ASIN.apply(this);
    }

    /**
     * Inverse cosine (NaN outside [-1, 1]).
     *
     * @return a new value
     */
    public Value acos() {
        return ElementwiseOps.ACOS.apply(this);
    }

    /**
     * Inverse tangent.
     *
     * @return a new value
     */
    public Value atan() {
        return ElementwiseOps.ATAN.apply(this);
    }

    /**
     * Hyperbolic sine.
     *
     * @return a new value
     */
    public Value sinh() {
        return ElementwiseOps.SINH.apply(this);
    }

    /**
     * Hyperbolic cosine.
     *
     * @return a new value
     */
    public Value cosh() {
        return ElementwiseOps.COSH.apply(this);
    }

    /**
     * Hyperbolic tangent.
     *
     * @return a new value
     */
    public Value tanh() {
        return ElementwiseOps.TANH.apply(this);
    }

    /**
     * Inverse hyperbolic sine.
     *
     * @return a new value
     */
    public Value asinh() {
        return ElementwiseOps.ASINH.apply(this);
    }

    /**
     * Inverse hyperbolic cosine (NaN below 1).
     *
     * @return a new value
     */
    public Value acosh() {
        return ElementwiseOps.ACOSH.apply(this);
    }

    /**
     * Inverse hyperbolic tangent (±Infinity at ±1, NaN beyond).
     *
     * @return a new value
     */
    public Value atanh() {
        return ElementwiseOps.ATANH.apply(this);
    }

    /**
     * The error function 2/√π ∫₀ˣ e^(-t²) dt.
     *
     * @return a new value
     */
    public Value erf() {
        return ElementwiseOps.ERF.apply(this);
    }

    /**
     * The complementary error function 1 - erf(x), accurate for large x.
     *
     * @return a new value
     */
    public Value erfc() {
        return ElementwiseOps.ERFC.apply(this);
    }

    /**
     * GELU with the exact normal CDF: x·Φ(x) (PyTorch's {@code approximate='none'}).
     *
     * @return a new value
     */
    public Value gelu() {
        return ElementwiseOps.GELU.apply(this);
    }

    /**
     * GELU's tanh approximation (PyTorch's {@code approximate='tanh'}).
     *
     * @return a new value
     */
    public Value geluTanh() {
        return ElementwiseOps.GELU_TANH.apply(this);
    }

    /**
     * Logistic sigmoid 1 / (1 + e^-x), stable for large |x|.
     *
     * @return a new value
     */
    public Value sigmoid() {
        return ElementwiseOps.SIGMOID.apply(this);
    }

    /**
     * log(sigmoid(x)), stable for large |x|.
     *
     * @return a new value
     */
    public Value logSigmoid() {
        return ElementwiseOps.LOG_SIGMOID.apply(this);
    }

    /**
     * log(x / (1 - x)), the inverse of sigmoid (NaN outside [0, 1]).
     *
     * @return a new value
     */
    public Value logit() {
        return ElementwiseOps.LOGIT.apply(this);
    }

    /**
     * SiLU (swish): x·sigmoid(x).
     *
     * @return a new value
     */
    public Value silu() {
        return ElementwiseOps.SILU.apply(this);
    }

    /**
     * log(1 + e^x), exact and stable for every x (no linear threshold); derivative sigmoid(x).
     *
     * @return a new value
     */
    public Value softplus() {
        return ElementwiseOps.SOFTPLUS.apply(this, 1, Double.POSITIVE_INFINITY);
    }

    /**
     * log(1 + e^(beta·x))/beta, and x itself where beta·x &gt; threshold, as PyTorch's softplus; refuses beta &le; 0.
     *
     * @param beta      the sharpness β (positive and finite)
     * @param threshold where βx exceeds it, the result is x itself (∞: never)
     * @return a new value
     */
    public Value softplus(double beta, double threshold) {
        return ElementwiseOps.SOFTPLUS.apply(this, beta, threshold);
    }

    /**
     * Mish: x·tanh(softplus(x)).
     *
     * @return a new value
     */
    public Value mish() {
        return ElementwiseOps.MISH.apply(this);
    }

    /**
     * x / (1 + |x|).
     *
     * @return a new value
     */
    public Value softsign() {
        return ElementwiseOps.SOFTSIGN.apply(this);
    }

    /**
     * ELU: x for x &gt; 0, else alpha·(e^x - 1); derivative alpha at 0, as PyTorch.
     *
     * @param alpha the scale α of the negative branch
     * @return a new value
     */
    public Value elu(double alpha) {
        return ElementwiseOps.ELU.apply(this, alpha);
    }

    /**
     * CELU: x for x &gt; 0, else alpha·(e^(x/alpha) - 1); refuses alpha = 0.
     *
     * @param alpha the scale α of the negative branch
     * @return a new value
     */
    public Value celu(double alpha) {
        return ElementwiseOps.CELU.apply(this, alpha);
    }

    /**
     * SELU with PyTorch's scale and alpha.
     *
     * @return a new value
     */
    public Value selu() {
        return ElementwiseOps.SELU.apply(this);
    }

    /**
     * Absolute value; derivative sign(x), 0 at 0.
     *
     * @return a new value
     */
    public Value abs() {
        return ElementwiseOps.ABS.apply(this);
    }

    /**
     * max(x, 0), NaN kept (as PyTorch); derivative 0 for x &le; 0, else 1 (1 at NaN).
     *
     * @return a new value
     */
    public Value relu() {
        return ElementwiseOps.RELU.apply(this);
    }

    /**
     * x for x &gt; 0, else {@code slope * x} (a finite slope); derivative slope for x &le; 0.
     *
     * @param slope the slope for x &le; 0 (finite)
     * @return a new value
     */
    public Value leakyRelu(double slope) {
        return ElementwiseOps.LEAKY_RELU.apply(this, slope);
    }

    /**
     * min(max(x, 0), 6); derivative 1 strictly between the bounds, 0 at them (as PyTorch).
     *
     * @return a new value
     */
    public Value relu6() {
        return ElementwiseOps.RELU6.apply(this);
    }

    /**
     * x limited to [min, max]; derivative 1 strictly inside, 0 at the bounds (as PyTorch); refuses min &gt; max.
     *
     * @param min the lower bound
     * @param max the upper bound (at least min)
     * @return a new value
     */
    public Value hardtanh(double min, double max) {
        return ElementwiseOps.HARDTANH.apply(this, min, max);
    }

    /**
     * relu6(x + 3) / 6.
     *
     * @return a new value
     */
    public Value hardsigmoid() {
        return ElementwiseOps.HARDSIGMOID.apply(this);
    }

    /**
     * x·relu6(x + 3) / 6; derivative x/3 + 1/2 on [-3, 3], bounds included (as PyTorch).
     *
     * @return a new value
     */
    public Value hardswish() {
        return ElementwiseOps.HARDSWISH.apply(this);
    }

    /**
     * Heaviside step: 1 for x &ge; 0, else 0. Its derivative is 0, so nothing flows back through it.
     *
     * @return a new value
     */
    public Value step() {
        return ElementwiseOps.STEP.apply(this);
    }

    /**
     * -1, 0 or 1 by the sign (NaN stays NaN); derivative 0.
     *
     * @return a new value
     */
    public Value sign() {
        return ElementwiseOps.SIGN.apply(this);
    }

    /**
     * Largest integer not above x; derivative 0.
     *
     * @return a new value
     */
    public Value floor() {
        return ElementwiseOps.FLOOR.apply(this);
    }

    /**
     * Smallest integer not below x; derivative 0.
     *
     * @return a new value
     */
    public Value ceil() {
        return ElementwiseOps.CEIL.apply(this);
    }

    /**
     * Nearest integer, halves to even (as torch.round); derivative 0.
     *
     * @return a new value
     */
    public Value round() {
        return ElementwiseOps.ROUND.apply(this);
    }

    /**
     * Integer part, towards zero; derivative 0.
     *
     * @return a new value
     */
    public Value trunc() {
        return ElementwiseOps.TRUNC.apply(this);
    }

    /**
     * The angle of (other, this) in (-π, π], as {@code Math.atan2(this, other)}.
     *
     * @param other the other operand
     * @return a new value
     */
    public Value atan2(Value other) {
        return ElementwiseOps.ATAN2.apply(this, other);
    }

    /**
     * atan2 with a constant {@code c}.
     *
     * @param c the constant
     * @return a new value
     */
    public Value atan2(double c) {
        return ElementwiseOps.ATAN2.apply(this, constant(c));
    }

    /**
     * The larger of the two; a tie splits the gradient evenly; NaN propagates and gives both the whole gradient (torch.maximum).
     *
     * @param other the other operand
     * @return a new value
     */
    public Value maximum(Value other) {
        return ElementwiseOps.MAXIMUM.apply(this, other);
    }

    /**
     * maximum with a constant {@code c}.
     *
     * @param c the constant
     * @return a new value
     */
    public Value maximum(double c) {
        return ElementwiseOps.MAXIMUM.apply(this, constant(c));
    }

    /**
     * The smaller of the two; ties and NaN as maximum (torch.minimum).
     *
     * @param other the other operand
     * @return a new value
     */
    public Value minimum(Value other) {
        return ElementwiseOps.MINIMUM.apply(this, other);
    }

    /**
     * minimum with a constant {@code c}.
     *
     * @param c the constant
     * @return a new value
     */
    public Value minimum(double c) {
        return ElementwiseOps.MINIMUM.apply(this, constant(c));
    }

    /**
     * Linear interpolation {@code this + weight * (end - this)}, differentiable in all three;
     * the same bits as {@code torch.lerp} (see {@link Lerp}).
     *
     * @param end    the value at weight 1
     * @param weight the interpolation weight (any number; outside [0, 1] it extrapolates)
     * @return the interpolated value
     */
    public Value lerp(Value end, Value weight) {
        return Lerp.apply(this, end, weight);
    }

    /**
     * Linear interpolation {@code this + weight * (end - this)} with a constant weight.
     *
     * @param end    the value at weight 1
     * @param weight the interpolation weight
     * @return the interpolated value
     */
    public Value lerp(Value end, double weight) {
        return Lerp.apply(this, end, constant(weight));
    }

    /**
     * The sum of many values as one node (a neuron with 1000 inputs is one node, not 1000).
     *
     * @param values the terms, none null
     * @return a new node holding their sum
     */
    public static Value sum(List<Value> values) {
        Value[] in = toArray(values, "Value.sum", "values");
        double s = 0;
        boolean requires = false;
        int versions = 0;
        for (Value v : in) {
            s += v.data;
            requires |= v.requiresGrad;
            versions += v.ownVersion;
        }
        return record(ScalarOp.SUM, s, 0, in, requires && GradMode.isEnabled(), versions, true);
    }

    /**
     * The dot product {@code Σ x[i] * w[i]} as one node.
     *
     * @param x the first vector, none null
     * @param w the second vector, as long as {@code x}
     * @return a new node holding their dot product
     */
    public static Value dot(List<Value> x, List<Value> w) {
        Objects.requireNonNull(x, "Value.dot: x is null");
        Objects.requireNonNull(w, "Value.dot: w is null");
        int n = x.size();
        if (w.size() != n) {
            throw new IllegalArgumentException("Value.dot: x has " + n + " values but w has "
                    + w.size() + "; both lists must have the same length");
        }
        if (!(x instanceof RandomAccess && w instanceof RandomAccess)) {
            return dot(new ArrayList<>(x), new ArrayList<>(w));
        }
        // one pass straight from the lists into the node's input array: this is the hot
        // forward op of scalar MLPs, one call per neuron and example
        double s = 0;
        boolean requires = false;
        int versions = 0;
        Value[] in = new Value[2 * n];
        for (int i = 0; i < n; i++) {
            Value xi = x.get(i), wi = w.get(i);
            if (xi == null || wi == null) {
                throw new NullPointerException("Value.dot: " + (xi == null ? "x" : "w") + "[" + i + "] is null");
            }
            s += xi.data * wi.data;
            requires |= xi.requiresGrad | wi.requiresGrad;
            versions += xi.ownVersion + wi.ownVersion; // a Value is never aliased
            in[i] = xi;
            in[i + n] = wi;
        }
        // a neuron's weights are leaves: the node is checked without a test per input
        return record(ScalarOp.DOT, s, 0, in, requires && GradMode.isEnabled(), versions, true);
    }

    private static Value[] toArray(List<Value> values, String op, String name) {
        Objects.requireNonNull(values, () -> op + ": " + name + " is null");
        Value[] in = values.toArray(NONE);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == null) {
                throw new NullPointerException(op + ": " + name + "[" + i + "] is null");
            }
        }
        return in;
    }

    // ---------------------------------------------------------------- gradients

    /**
     * Computes d(this)/d(node) for every node this value depends on, seeding 1 here, and
     * releases the graph. Leaves accumulate; see the class comment.
     *
     * @throws IllegalStateException if this value does not require a gradient, or the graph
     *                               was released by an earlier pass
     */
    public void backward() {
        backward(false);
    }

    /**
     * As {@link #backward()}; with {@code retainGraph} true the graph stays usable for
     * another backward pass.
     *
     * @param retainGraph whether to keep the graph for another backward pass
     */
    public void backward(boolean retainGraph) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward: " + describe() + " does not require a gradient: it is a "
                    + "constant, detached, or was computed under GradMode.disabled() from such values. "
                    + "Make the inputs you differentiate with Value.of(...).");
        }
        Engine.backward(this, () -> grad += 1, retainGraph);
    }

    /**
     * The gradient from the last backward pass (accumulated over passes for leaves); 0 before any.
     *
     * @return this node's gradient
     */
    public double grad() {
        return grad;
    }

    /**
     * Sets this node's gradient to zero and returns it.
     *
     * @return this node
     */
    public Value zeroGrad() {
        grad = 0;
        return this;
    }

    /**
     * Replaces a leaf's accumulated gradient and returns it; gradient clipping rescales
     * gradients in place between the backward pass and the optimizer step.
     *
     * @param newGrad the gradient to store
     * @return this leaf
     */
    public Value setGrad(double newGrad) {
        if (!isLeaf()) {
            throw new IllegalStateException("setGrad: " + describe() + " is computed by '" + symbol()
                    + "'; only leaves keep a gradient between passes");
        }
        grad = newGrad;
        return this;
    }

    /**
     * A constant with the same data, cut off from the graph: no gradient flows through it.
     *
     * @return a new constant holding {@link #data()}
     */
    public Value detach() {
        return constant(data);
    }

    @Override
    void clearGrad() {
        grad = 0;
    }

    @Override
    void propagate() {
        op.propagate(this, grad);
    }

    /** Adds a contribution to this node's gradient (the op rows' backward steps call it). */
    void addGrad(double g) {
        grad += g;
    }

    @Override
    Node[] vjp(Node gradOutput) {
        if (Anomaly.isEnabled()) {
            // the graph rules' steps may pass through NaN or ∞; the results are checked, naming this op
            try (var inRule = Anomaly.backwardRule()) {
                return ruleVjp((Value) gradOutput);
            }
        }
        return ruleVjp((Value) gradOutput);
    }

    private Value[] ruleVjp(Value g) {
        ScalarFunction custom = custom();
        if (custom != null) {
            return custom.vjp(this, g); // one call of the user's backward for all inputs
        }
        Value[] out = new Value[inputs.length];
        for (int i = 0; i < out.length; i++) {
            if (inputs[i].requiresGrad) {
                out[i] = op.vjp(this, i, g);
            }
        }
        return out;
    }

    @Override
    Node addGrads(Node a, Node b) {
        return ((Value) a).add((Value) b);
    }

    // ---------------------------------------------------------------- custom functions

    /** The user's function of a {@link ScalarOp#CUSTOM} node, else null. */
    ScalarFunction custom() {
        return ScalarFunction.of(fn);
    }

    /**
     * Records the result of a user's {@link ScalarFunction} (or a constant when nothing upstream
     * wants a gradient), holding the function so the {@link ScalarOp#CUSTOM} row finds its rules.
     */
    static Value custom(ScalarFunction f, double data, Value[] inputs) {
        boolean requires = false;
        int versions = 0;
        for (Value v : inputs) {
            requires |= v.requiresGrad;
            versions += v.ownVersion;
        }
        requires &= GradMode.isEnabled();
        Value out = new Value(data, ScalarOp.CUSTOM, f.bound, 0, requires ? inputs : NONE, requires,
                requires ? versions : 0, requires ? CHECK_OWN : CHECK_NONE);
        if (!Double.isFinite(data) && Anomaly.checksForward()) {
            // with the inputs, so the message names the user's function and what it was given
            Anomaly.checkForward(new Value(data, ScalarOp.CUSTOM, f.bound, 0, inputs, requires, 0, CHECK_NONE), false);
        }
        return out;
    }

    /** This node's forward on other input numbers (what {@link LocalCheck} re-evaluates). */
    double forwardAt(double[] in) {
        return fn != null ? fn.forward(in) : op.forward(in, aux);
    }

    /** The op's name: the user's name for a custom function, a registry op's name, else the row's symbol. */
    private String symbol() {
        return fn != null ? fn.name() : op.symbol;
    }

    /** The op as graphs and messages show it ("* 0.5", "pow 2", "elu 0.5", a custom function's name). */
    String opLabel() {
        return fn != null ? fn.label() : op.label(aux);
    }

    // ---------------------------------------------------------------- accessors

    /**
     * The number this node holds.
     *
     * @return the number
     */
    public double data() {
        return data;
    }

    /**
     * Replaces a leaf's number, as an optimizer step does. Only leaves may change: changing an
     * interior node would silently disagree with the graph that computed it.
     *
     * @param newData the leaf's new number
     */
    public void setData(double newData) {
        if (!isLeaf()) {
            throw new IllegalStateException("setData: " + describe() + " is computed by '" + symbol()
                    + "'; only leaves (Value.of / Value.constant) can be updated in place");
        }
        data = newData;
        ownVersion++;
    }

    /**
     * True when backward passes compute a gradient for this node.
     *
     * @return whether a gradient is computed for this node
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * True for values not computed from recorded inputs (variables, parameters, constants).
     *
     * @return whether this node is a leaf
     */
    public boolean leaf() {
        return isLeaf();
    }

    /**
     * The operation that made this node: "leaf", "const", "+", "*", "tanh", ...
     *
     * @return the op name, never null
     */
    public String op() {
        return symbol();
    }

    /**
     * The recorded inputs, in argument order (empty for leaves, for constant results, and
     * after a backward pass released the graph).
     *
     * @return an unmodifiable list of the inputs
     */
    public List<Value> inputs() {
        List<Value> list = new ArrayList<>(inputs.length);
        for (Node n : inputs) {
            list.add((Value) n);
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * Names this node for graph pictures and messages; returns this.
     *
     * @param name the name, or null to remove it
     * @return this node
     */
    public Value label(String name) {
        this.label = name;
        return this;
    }

    /**
     * The name given with {@link #label(String)}, or null.
     *
     * @return the label, or null
     */
    public String label() {
        return label;
    }

    /** Value at node {@code i} of this node's inputs (op rules read their operands through this). */
    Value in(int i) {
        return (Value) inputs[i];
    }

    ScalarOp scalarOp() {
        return op;
    }

    @Override
    String opName() {
        return symbol();
    }

    @Override
    int reads() {
        return op.reads;
    }

    @Override
    int version() {
        return ownVersion; // nothing aliases a Value
    }

    @Override
    boolean isFinite() {
        return Double.isFinite(data);
    }

    @Override
    String describe() {
        return "Value(" + (label != null ? label + " = " : "") + data + (isLeaf() ? "" : ", op " + opLabel()) + ")";
    }

    /** {@code Value(data=…, grad=…)}, with the label and op when there are. */
    @Override
    public String toString() {
        return "Value(" + (label != null ? label + ", " : "") + "data=" + data + ", grad=" + grad
                + (isLeaf() ? "" : ", op=" + opLabel()) + ")";
    }
}
