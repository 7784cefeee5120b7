package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import dev.chainrule.autograd.kernel.Kernels;

/**
 * An n-dimensional array of numbers (row-major, contiguous; float64 unless made
 * {@link DType#F32 float32}, see {@link DType}) that is a node of the same
 * computational graph as {@link Value}: every operation records how its result was made,
 * and {@link #backward()} applies the chain rule through the one shared backward driver.
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(rng, 3, 2);                  // leaf that wants a gradient
 * Tensor x = Tensor.constant(new double[] {1, 0, 1}, 1, 3);
 * Tensor loss = x.matmul(w).sigmoid().sum();
 * loss.backward();
 * w.grad();                                            // a 3x2 tensor
 * }</pre>
 *
 * <p>Accumulation follows {@link Value}: leaves accumulate until {@link #zeroGrad()};
 * interior nodes start each pass empty (their gradient is kept only after
 * {@link #retainGrad()}); a pass releases the graph unless asked to retain it. Results are
 * immutable; only a leaf's storage may be changed, by optimizers and loaders, through
 * {@link #update} or {@link #setData}. Each storage carries a version counter shared by every
 * tensor aliasing it (views, {@link #detach()}), and a backward pass through a graph whose
 * rules read numbers changed since throws rather than computing gradients from a mix of old
 * and new values.
 *
 * <p>Threads: one graph belongs to one thread at a time; independent graphs (sharing no
 * tensor that wants a gradient, and no tensor anyone writes) can be built and differentiated
 * on any number of threads at once, and the matmul kernels are safe to share. Constants only
 * read (a data set) may be shared freely.
 *
 * <p>Every derivative rule is written with tensor operations, so with
 * {@link Autograd#grad(List, List, List, boolean, boolean) createGraph} gradients are graphs
 * themselves; plain {@code backward()} runs the same rules with recording off.
 * Broadcasting is undone in one place ({@link #vjp}): each input's gradient is summed back
 * to that input's shape.
 */
public final class Tensor extends Node implements Num<Tensor> {
    private static final Tensor[] NONE = new Tensor[0];

    private static final java.lang.invoke.VarHandle SHARED;

    static {
        try {
            SHARED = java.lang.invoke.MethodHandles.lookup().findVarHandle(Tensor.class, "shared", Storage.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The numbers of a float64 tensor, null for float32; aliased by views and
     * {@link #detach()}, which then share {@link #shared}.
     */
    final double[] data;
    /** The numbers of a float32 tensor, null for float64; aliased as {@link #data} is. */
    final float[] floats;
    /**
     * The version counter shared with every tensor aliasing {@link #data}, or null while
     * nothing aliases it: then {@link #ownVersion} counts. Most tensors (every intermediate
     * result, every gradient) are never aliased, so they skip one allocation each; the shared
     * counter is made, once, when the first view or detach is.
     */
    private Storage shared;
    /** Which inputs the backward rule reads ({@link Node#reads()}). */
    private final int reads;
    /** True for the result of a recorded op (and what aliases it): graph rules reuse it, so nothing may write to it. */
    private final boolean computed;
    final int[] shape;
    private final String op;
    /** The derivative rule; dropped by {@link #release()} with everything it captured. */
    private Rule rule;
    private Tensor grad;
    private boolean retainsGrad;
    private List<UnaryOperator<Tensor>> hooks;

    /**
     * A derivative rule: given the gradient of the output, the gradient with respect to
     * each input (before un-broadcasting), or null for an input that gets none. Written with
     * tensor operations so it can itself be differentiated.
     */
    @FunctionalInterface
    interface Rule {
        Tensor[] vjp(Tensor gradOutput);
    }

    private Tensor(double[] data, float[] floats, Storage shared, boolean computed, int[] shape, String op, Rule rule,
                   Tensor[] inputs, boolean requiresGrad, int reads) {
        super(inputs, requiresGrad, versionSum(inputs, reads),
                readsWritable(inputs, reads) ? CHECK_READS : CHECK_NONE);
        this.reads = reads;
        this.data = data;
        this.floats = floats;
        this.shared = shared;
        this.computed = computed;
        this.shape = shape;
        this.op = op;
        this.rule = rule;
    }

    /**
     * True when an input the rule reads could be written in place ({@link Node#versionCheck}):
     * a leaf, or a view of one; a computed tensor (and what aliases it) refuses writes.
     */
    private static boolean readsWritable(Tensor[] inputs, int reads) {
        for (int i = 0; i < inputs.length; i++) {
            if ((reads >>> Math.min(i, 31) & 1) != 0 && !inputs[i].computed) {
                return true;
            }
        }
        return false;
    }

    /** A tensor with storage of its own (a leaf, a constant or a gradient). */
    private Tensor(double[] data, int[] shape, String op, boolean requiresGrad) {
        this(data, null, null, false, shape, op, null, NONE, requiresGrad, READS_NONE);
    }

    /** A float32 tensor with storage of its own. */
    private Tensor(float[] floats, int[] shape, String op, boolean requiresGrad) {
        this(null, floats, null, false, shape, op, null, NONE, requiresGrad, READS_NONE);
    }

    /** A tensor with its own storage of either type (exactly one array is non-null). */
    private static Tensor own(double[] data, float[] floats, int[] shape, String op, boolean requiresGrad) {
        return new Tensor(data, floats, null, false, shape, op, null, NONE, requiresGrad, READS_NONE);
    }

    /** A tensor seeing another's storage (a view or a detach), sharing its version counter. */
    private static Tensor aliasing(Tensor base, int[] shape, String op, Rule rule, Tensor[] inputs,
                                   boolean requiresGrad, int reads) {
        Storage s = base.sharedStorage();
        return new Tensor(base.data, base.floats, s, s.computed, shape, op, rule, inputs, requiresGrad, reads);
    }

    /**
     * The counter shared by everything aliasing this tensor's data, made on first need. A
     * compare-and-set, because a constant (a data set) may be viewed by several threads at once.
     */
    private Storage sharedStorage() {
        Storage s = shared;
        if (s == null) {
            s = new Storage(computed, ownVersion);
            if (!SHARED.compareAndSet(this, null, s)) {
                s = shared;
            }
        }
        return s;
    }

    /**
     * The numbers as doubles, row-major, for ops and kernels to read (never to write: for a
     * float64 tensor this is the storage itself).
     */
    double[] doubles() {
        return data != null ? data : Kernels.widen(floats);
    }

    /**
     * The numbers as floats, row-major, for float32 kernels to read (never to write: for a
     * float32 tensor this is the storage itself; a float64 tensor's numbers are rounded into
     * a fresh array).
     */
    float[] floats() {
        return floats != null ? floats : Kernels.narrow(data);
    }

    /** Number of elements, from whichever array holds them. */
    private int length() {
        return data != null ? data.length : floats.length;
    }

    /** A fresh copy of the storage in the same type, as a tensor with its own storage. */
    private Tensor copyOwn(String op, boolean requiresGrad) {
        return own(data == null ? null : data.clone(), floats == null ? null : floats.clone(), shape, op, requiresGrad);
    }

    // ---------------------------------------------------------------- factories

    /**
     * A leaf that wants a gradient, holding a copy of {@code data} in the given shape.
     *
     * @param data  the elements in row-major order, as many as the shape holds; copied
     * @param shape the dimensions, each ≥ 0 (none for a 0-dimensional tensor)
     * @return a new leaf with {@code requiresGrad} true
     */
    public static Tensor of(double[] data, int... shape) {
        return leaf("Tensor.of", data, shape, true);
    }

    /**
     * A leaf that never gets a gradient, holding a copy of {@code data} in the given shape.
     *
     * @param data  the elements in row-major order, as many as the shape holds; copied
     * @param shape the dimensions, each ≥ 0 (none for a 0-dimensional tensor)
     * @return a new leaf with {@code requiresGrad} false
     */
    public static Tensor constant(double[] data, int... shape) {
        return leaf("Tensor.constant", data, shape, false);
    }

    /**
     * A 0-dimensional constant tensor holding one number.
     *
     * @param value the number
     * @return a new 0-dimensional constant
     */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0], "const", false);
    }

    /**
     * A new leaf that wants a gradient, holding a copy of this tensor's numbers: the way to
     * make a parameter from any factory, e.g. {@code Tensor.zeros(3, 2).toLeaf()} or
     * {@code Tensor.eye(4).toLeaf()}. Which factories make what: {@link #of} and
     * {@link #randn}/{@link #rand} make leaves that want a gradient; {@link #constant},
     * {@link #scalar}, {@link #zeros}, {@link #ones}, {@link #full}, {@link #eye} and
     * {@link #arange} make constants. Works on any tensor (a computed one's numbers are copied,
     * the graph is not).
     *
     * @return a leaf with its own storage, the same shape and numbers
     */
    public Tensor toLeaf() {
        return copyOwn("leaf", true);
    }

    /**
     * A constant tensor of zeros.
     *
     * @param shape the dimensions, each ≥ 0
     * @return a new constant of that shape
     */
    public static Tensor zeros(int... shape) {
        return filled("Tensor.zeros", 0, shape);
    }

    /**
     * The n×n identity matrix, as a constant.
     *
     * @param n the number of rows and columns, ≥ 0
     * @return a new [n, n] constant
     */
    public static Tensor eye(int n) {
        Tensor t = filled("Tensor.eye", 0, new int[] {n, n}); // fresh storage, filled in place
        for (int i = 0; i < n; i++) {
            t.data[i * n + i] = 1;
        }
        return t;
    }

    /**
     * The constant vector 0, 1, ..., n-1.
     *
     * @param n the length, ≥ 0
     * @return a new [n] constant
     */
    public static Tensor arange(int n) {
        Tensor t = filled("Tensor.arange", 0, new int[] {n});
        for (int i = 0; i < n; i++) {
            t.data[i] = i;
        }
        return t;
    }

    /**
     * A constant tensor of ones.
     *
     * @param shape the dimensions, each ≥ 0
     * @return a new constant of that shape
     */
    public static Tensor ones(int... shape) {
        return filled("Tensor.ones", 1, shape);
    }

    /**
     * A constant tensor with every element {@code value}.
     *
     * @param value the number in every element
     * @param shape the dimensions, each ≥ 0
     * @return a new constant of that shape
     */
    public static Tensor full(double value, int... shape) {
        return filled("Tensor.full", value, shape);
    }

    /** zeros, ones and full, each refusing a bad shape under its own name. */
    private static Tensor filled(String op, double value, int[] shape) {
        int[] s = Shapes.check(op, shape);
        double[] d = new double[Shapes.size(s)];
        if (value != 0) {
            Arrays.fill(d, value);
        }
        return new Tensor(d, s, "const", false);
    }

    /**
     * A leaf that wants a gradient, filled with standard normal draws from {@code rng}.
     *
     * @param rng   the source of the draws
     * @param shape the dimensions, each ≥ 0
     * @return a new leaf of that shape
     */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        Objects.requireNonNull(rng, "Tensor.randn: rng is null");
        int[] s = Shapes.check("Tensor.randn", shape);
        double[] d = new double[Shapes.size(s)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return new Tensor(d, s, "leaf", true);
    }

    /**
     * A leaf that wants a gradient, filled with uniform draws from [0, 1) from {@code rng}.
     *
     * @param rng   the source of the draws
     * @param shape the dimensions, each ≥ 0
     * @return a new leaf of that shape
     */
    public static Tensor rand(RandomGenerator rng, int... shape) {
        Objects.requireNonNull(rng, "Tensor.rand: rng is null");
        int[] s = Shapes.check("Tensor.rand", shape);
        double[] d = new double[Shapes.size(s)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextDouble();
        }
        return new Tensor(d, s, "leaf", true);
    }

    private static Tensor leaf(String op, double[] data, int[] shape, boolean requiresGrad) {
        Objects.requireNonNull(data, () -> op + ": data is null");
        int[] s = checkFills(op, data.length, shape);
        return new Tensor(data.clone(), s, requiresGrad ? "leaf" : "const", requiresGrad);
    }

    // ---------------------------------------------------------------- float32 factories and casts

    /**
     * A float32 leaf that wants a gradient, holding a copy of {@code data} in the given shape.
     *
     * @param data  the numbers, row-major
     * @param shape the shape; its sizes multiply to {@code data.length}
     * @return a new float32 leaf
     */
    public static Tensor of(float[] data, int... shape) {
        return leaf32("Tensor.of", data, shape, true);
    }

    /**
     * A float32 constant (it never gets a gradient) holding a copy of {@code data}.
     *
     * @param data  the numbers, row-major
     * @param shape the shape; its sizes multiply to {@code data.length}
     * @return a new float32 constant
     */
    public static Tensor constant(float[] data, int... shape) {
        return leaf32("Tensor.constant", data, shape, false);
    }

    private static Tensor leaf32(String op, float[] data, int[] shape, boolean requiresGrad) {
        Objects.requireNonNull(data, () -> op + ": data is null");
        int[] s = checkFills(op, data.length, shape);
        return new Tensor(data.clone(), s, requiresGrad ? "leaf" : "const", requiresGrad);
    }

    /** The checked shape, which {@code length} values must fill exactly. */
    private static int[] checkFills(String op, int length, int[] shape) {
        int[] s = Shapes.check(op, shape);
        if (Shapes.size(s) != length) {
            throw new IllegalArgumentException(op + ": " + length + " values do not fill shape "
                    + Arrays.toString(s) + " (" + Shapes.size(s) + " elements)");
        }
        return s;
    }

    /**
     * A constant of zeros of the given type.
     *
     * @param dtype the element type
     * @param shape the shape
     * @return a new constant
     */
    public static Tensor zeros(DType dtype, int... shape) {
        return retype(zeros(shape), dtype);
    }

    /**
     * A constant of ones of the given type.
     *
     * @param dtype the element type
     * @param shape the shape
     * @return a new constant
     */
    public static Tensor ones(DType dtype, int... shape) {
        return retype(ones(shape), dtype);
    }

    /**
     * A constant with every element {@code value} (rounded to the type).
     *
     * @param dtype the element type
     * @param value the number
     * @param shape the shape
     * @return a new constant
     */
    public static Tensor full(DType dtype, double value, int... shape) {
        return retype(full(value, shape), dtype);
    }

    /**
     * A leaf that wants a gradient, of the given type, filled with standard normal draws
     * (drawn as doubles, so the same seed gives the same numbers rounded in either type).
     *
     * @param rng   the source of randomness
     * @param dtype the element type
     * @param shape the shape
     * @return a new leaf
     */
    public static Tensor randn(RandomGenerator rng, DType dtype, int... shape) {
        return retype(randn(rng, shape), dtype);
    }

    /**
     * A leaf that wants a gradient, of the given type, filled with uniform draws from [0, 1).
     *
     * @param rng   the source of randomness
     * @param dtype the element type
     * @param shape the shape
     * @return a new leaf
     */
    public static Tensor rand(RandomGenerator rng, DType dtype, int... shape) {
        return retype(rand(rng, shape), dtype);
    }

    /** A fresh factory result in another type: same op and leaf kind, storage converted. */
    private static Tensor retype(Tensor t, DType dtype) {
        Objects.requireNonNull(dtype, "dtype is null");
        if (t.dtype() == dtype) {
            return t;
        }
        return dtype == DType.F32
                ? new Tensor(Kernels.narrow(t.data), t.shape, t.op, t.requiresGrad)
                : new Tensor(Kernels.widen(t.floats), t.shape, t.op, t.requiresGrad);
    }

    /**
     * This tensor in another element type ({@code torch.Tensor.to(dtype)}): itself when it
     * already has that type, else a recorded cast whose gradient is cast back (float64 to
     * float32 rounds to the nearest float; float32 to float64 is exact).
     *
     * @param dtype the type wanted
     * @return a tensor of that type
     */
    public Tensor to(DType dtype) {
        Objects.requireNonNull(dtype, "to: dtype is null");
        DType from = dtype();
        if (from == dtype) {
            return this;
        }
        return dtype == DType.F32
                ? make("to", Kernels.narrow(data), shape, READS_NONE, g -> new Tensor[] {g.to(from)}, this)
                : make("to", DType.F64, Kernels.widen(floats), shape, READS_NONE, g -> new Tensor[] {g.to(from)}, this);
    }

    /**
     * Records the result of an operation. Ops call this with freshly computed storage they
     * hand over (not copied) and their derivative rule; when grad mode is off or no input
     * wants a gradient the result is a constant and the rule is dropped.
     */
    static Tensor make(String op, double[] data, int[] shape, Rule rule, Tensor... inputs) {
        return make(op, data, shape, READS_ALL, rule, inputs);
    }

    /**
     * As {@link #make(String, double[], int[], Rule, Tensor...)}, saying which inputs the rule
     * reads ({@link Node#READS_NONE}, {@link Node#READS_ALL} or bit i for input i): only their
     * versions are checked before backward, so changing an input the rule ignores (the operands
     * of add, the source of a view) in place is allowed, as PyTorch.
     */
    static Tensor make(String op, double[] data, int[] shape, int reads, Rule rule, Tensor... inputs) {
        return record(op, null, data, null, shape, reads, rule, inputs);
    }

    /**
     * As {@link #make(String, double[], int[], int, Rule, Tensor...)} with the result's type
     * given instead of promoted from the inputs: for casts, and for results whose type is not
     * their operands' (indices).
     */
    static Tensor make(String op, DType dtype, double[] data, int[] shape, int reads, Rule rule, Tensor... inputs) {
        return record(op, dtype, data, null, shape, reads, rule, inputs);
    }

    /** As {@link #make(String, double[], int[], int, Rule, Tensor...)} for a float32 kernel's result. */
    static Tensor make(String op, float[] data, int[] shape, int reads, Rule rule, Tensor... inputs) {
        return record(op, DType.F32, null, data, shape, reads, rule, inputs);
    }

    /**
     * The one place results are made. The result's type is {@code dtype}, or PyTorch's
     * promotion of the inputs' types when null; numbers computed in the other type are
     * converted here (an op on float32 inputs may compute in float64 and is rounded once).
     */
    private static Tensor record(String op, DType dtype, double[] d64, float[] d32, int[] shape, int reads,
                                 Rule rule, Tensor[] inputs) {
        boolean requires = false, any32 = false;
        boolean grads = GradMode.isEnabled();
        for (Tensor t : inputs) {
            requires |= grads && t.requiresGrad;
            any32 |= t.floats != null;
        }
        DType type = dtype != null ? dtype : !any32 ? DType.F64 : DType.promote(inputs);
        if (type == DType.F32 && d32 == null) {
            d32 = Kernels.narrow(d64);
            d64 = null;
        } else if (type == DType.F64 && d64 == null) {
            d64 = Kernels.widen(d32);
            d32 = null;
        }
        Tensor base = null;
        for (Tensor t : inputs) {
            // a view: it aliases its input, so it shares its version counter
            if ((d64 != null && t.data == d64) || (d32 != null && t.floats == d32)) {
                base = t;
                break;
            }
        }
        Tensor out;
        if (base != null) {
            out = requires
                    ? aliasing(base, shape, op, rule, inputs, true, reads)
                    : aliasing(base, shape, op, null, NONE, false, READS_NONE);
        } else {
            out = requires
                    ? new Tensor(d64, d32, null, true, shape, op, rule, inputs, true, reads)
                    : new Tensor(d64, d32, null, false, shape, op, null, NONE, false, READS_NONE);
        }
        if (Anomaly.checksForward() && !out.isFinite()) {
            Anomaly.checkForward(new Tensor(d64, d32, null, requires, shape, op, null, inputs, requires, READS_NONE),
                    false);
        }
        return out;
    }

    /**
     * A leaf that wants a gradient, holding a copy of a matrix given row by row, e.g.
     * {@code Tensor.of(new double[][] {{1, 2}, {3, 4}})}; rows of different lengths are refused.
     *
     * @param rows the rows, all of one length
     * @return a [rows, columns] leaf
     */
    public static Tensor of(double[][] rows) {
        NestedArrays.Flat f = NestedArrays.flatten("Tensor.of", rows);
        return leaf("Tensor.of", f.data(), f.shape(), true);
    }

    /**
     * A leaf that wants a gradient, holding a copy of a 3-D array ({@code [i][j][k]} is element
     * (i, j, k)); ragged arrays are refused.
     *
     * @param blocks the matrices, all of one shape
     * @return a [blocks, rows, columns] leaf
     */
    public static Tensor of(double[][][] blocks) {
        NestedArrays.Flat f = NestedArrays.flatten("Tensor.of", blocks);
        return leaf("Tensor.of", f.data(), f.shape(), true);
    }

    // ---------------------------------------------------------------- core ops
    // ---------------------------------------------------------------- elementwise functions (registry)
    // One-line delegations to the op registry, ElementwiseOps: forward, derivative and test
    // spec of each are declared there once.

    /**
     * Elementwise: log(1 + x), accurate for small x.
     *
     * @return a new tensor of this shape
     */
    public Tensor log1p() {
        return ElementwiseOps.LOG1P.apply(this);
    }

    /**
     * Elementwise: e^x - 1, accurate for small x.
     *
     * @return a new tensor of this shape
     */
    public Tensor expm1() {
        return ElementwiseOps.EXPM1.apply(this);
    }

    /**
     * Elementwise: Base-2 logarithm.
     *
     * @return a new tensor of this shape
     */
    public Tensor log2() {
        return ElementwiseOps.LOG2.apply(this);
    }

    /**
     * Elementwise: Base-10 logarithm.
     *
     * @return a new tensor of this shape
     */
    public Tensor log10() {
        return ElementwiseOps.LOG10.apply(this);
    }

    /**
     * Elementwise: 2 to the power of this.
     *
     * @return a new tensor of this shape
     */
    public Tensor exp2() {
        return ElementwiseOps.EXP2.apply(this);
    }

    /**
     * Elementwise: 1 / sqrt(x).
     *
     * @return a new tensor of this shape
     */
    public Tensor rsqrt() {
        return ElementwiseOps.RSQRT.apply(this);
    }

    /**
     * Elementwise: x * x.
     *
     * @return a new tensor of this shape
     */
    public Tensor square() {
        return ElementwiseOps.SQUARE.apply(this);
    }

    /**
     * Elementwise: 1 / x.
     *
     * @return a new tensor of this shape
     */
    public Tensor reciprocal() {
        return ElementwiseOps.RECIPROCAL.apply(this);
    }

    /**
     * Elementwise: Tangent.
     *
     * @return a new tensor of this shape
     */
    public Tensor tan() {
        return ElementwiseOps.TAN.apply(this);
    }

    /**
     * Elementwise: Inverse sine (NaN outside [-1, 1]).
     *
     * @return a new tensor of this shape
     */
    public Tensor asin() {
        return ElementwiseOps.ASIN.apply(this);
    }

    /**
     * Elementwise: Inverse cosine (NaN outside [-1, 1]).
     *
     * @return a new tensor of this shape
     */
    public Tensor acos() {
        return ElementwiseOps.ACOS.apply(this);
    }

    /**
     * Elementwise: Inverse tangent.
     *
     * @return a new tensor of this shape
     */
    public Tensor atan() {
        return ElementwiseOps.ATAN.apply(this);
    }

    /**
     * Elementwise: Hyperbolic sine.
     *
     * @return a new tensor of this shape
     */
    public Tensor sinh() {
        return ElementwiseOps.SINH.apply(this);
    }

    /**
     * Elementwise: Hyperbolic cosine.
     *
     * @return a new tensor of this shape
     */
    public Tensor cosh() {
        return ElementwiseOps.COSH.apply(this);
    }

    /**
     * Elementwise: Inverse hyperbolic sine.
     *
     * @return a new tensor of this shape
     */
    public Tensor asinh() {
        return ElementwiseOps.ASINH.apply(this);
    }

    /**
     * Elementwise: Inverse hyperbolic cosine (NaN below 1).
     *
     * @return a new tensor of this shape
     */
    public Tensor acosh() {
        return ElementwiseOps.ACOSH.apply(this);
    }

    /**
     * Elementwise: Inverse hyperbolic tangent (±Infinity at ±1, NaN beyond).
     *
     * @return a new tensor of this shape
     */
    public Tensor atanh() {
        return ElementwiseOps.ATANH.apply(this);
    }

    /**
     * Elementwise: The error function 2/√π ∫₀ˣ e^(-t²) dt.
     *
     * @return a new tensor of this shape
     */
    public Tensor erf() {
        return ElementwiseOps.ERF.apply(this);
    }

    /**
     * Elementwise: The complementary error function 1 - erf(x), accurate for large x.
     *
     * @return a new tensor of this shape
     */
    public Tensor erfc() {
        return ElementwiseOps.ERFC.apply(this);
    }

    /**
     * Elementwise: GELU with the exact normal CDF: x·Φ(x) (PyTorch's {@code approximate='none'}).
     *
     * @return a new tensor of this shape
     */
    public Tensor gelu() {
        return ElementwiseOps.GELU.apply(this);
    }

    /**
     * Elementwise: GELU's tanh approximation (PyTorch's {@code approximate='tanh'}).
     *
     * @return a new tensor of this shape
     */
    public Tensor geluTanh() {
        return ElementwiseOps.GELU_TANH.apply(this);
    }

    /**
     * Elementwise: log(sigmoid(x)), stable for large |x|.
     *
     * @return a new tensor of this shape
     */
    public Tensor logSigmoid() {
        return ElementwiseOps.LOG_SIGMOID.apply(this);
    }

    /**
     * Elementwise: log(x / (1 - x)), the inverse of sigmoid (NaN outside [0, 1]).
     *
     * @return a new tensor of this shape
     */
    public Tensor logit() {
        return ElementwiseOps.LOGIT.apply(this);
    }

    /**
     * Elementwise: SiLU (swish): x·sigmoid(x).
     *
     * @return a new tensor of this shape
     */
    public Tensor silu() {
        return ElementwiseOps.SILU.apply(this);
    }

    /**
     * Elementwise: log(1 + e^(beta·x))/beta, and x itself where beta·x &gt; threshold, as PyTorch's softplus; refuses beta &le; 0.
     *
     * @param beta      the sharpness β (positive and finite)
     * @param threshold where βx exceeds it, the result is x itself (∞: never)
     * @return a new tensor of this shape
     */
    public Tensor softplus(double beta, double threshold) {
        return ElementwiseOps.SOFTPLUS.apply(this, beta, threshold);
    }

    /**
     * Elementwise: Mish: x·tanh(softplus(x)).
     *
     * @return a new tensor of this shape
     */
    public Tensor mish() {
        return ElementwiseOps.MISH.apply(this);
    }

    /**
     * Elementwise: x / (1 + |x|).
     *
     * @return a new tensor of this shape
     */
    public Tensor softsign() {
        return ElementwiseOps.SOFTSIGN.apply(this);
    }

    /**
     * Elementwise: ELU: x for x &gt; 0, else alpha·(e^x - 1); derivative alpha at 0, as PyTorch.
     *
     * @param alpha the scale α of the negative branch
     * @return a new tensor of this shape
     */
    public Tensor elu(double alpha) {
        return ElementwiseOps.ELU.apply(this, alpha);
    }

    /**
     * Elementwise: CELU: x for x &gt; 0, else alpha·(e^(x/alpha) - 1); refuses alpha = 0.
     *
     * @param alpha the scale α of the negative branch
     * @return a new tensor of this shape
     */
    public Tensor celu(double alpha) {
        return ElementwiseOps.CELU.apply(this, alpha);
    }

    /**
     * Elementwise: SELU with PyTorch's scale and alpha.
     *
     * @return a new tensor of this shape
     */
    public Tensor selu() {
        return ElementwiseOps.SELU.apply(this);
    }

    /**
     * Elementwise: min(max(x, 0), 6); derivative 1 strictly between the bounds, 0 at them (as PyTorch).
     *
     * @return a new tensor of this shape
     */
    public Tensor relu6() {
        return ElementwiseOps.RELU6.apply(this);
    }

    /**
     * Elementwise: x limited to [min, max]; derivative 1 strictly inside, 0 at the bounds (as PyTorch); refuses min &gt; max.
     *
     * @param min the lower bound
     * @param max the upper bound (at least min)
     * @return a new tensor of this shape
     */
    public Tensor hardtanh(double min, double max) {
        return ElementwiseOps.HARDTANH.apply(this, min, max);
    }

    /**
     * Elementwise: relu6(x + 3) / 6.
     *
     * @return a new tensor of this shape
     */
    public Tensor hardsigmoid() {
        return ElementwiseOps.HARDSIGMOID.apply(this);
    }

    /**
     * Elementwise: x·relu6(x + 3) / 6; derivative x/3 + 1/2 on [-3, 3], bounds included (as PyTorch).
     *
     * @return a new tensor of this shape
     */
    public Tensor hardswish() {
        return ElementwiseOps.HARDSWISH.apply(this);
    }

    /**
     * Elementwise: -1, 0 or 1 by the sign (NaN stays NaN); derivative 0.
     *
     * @return a new tensor of this shape
     */
    public Tensor sign() {
        return ElementwiseOps.SIGN.apply(this);
    }

    /**
     * Elementwise: Largest integer not above x; derivative 0.
     *
     * @return a new tensor of this shape
     */
    public Tensor floor() {
        return ElementwiseOps.FLOOR.apply(this);
    }

    /**
     * Elementwise: Smallest integer not below x; derivative 0.
     *
     * @return a new tensor of this shape
     */
    public Tensor ceil() {
        return ElementwiseOps.CEIL.apply(this);
    }

    /**
     * Elementwise: Nearest integer, halves to even (as torch.round); derivative 0.
     *
     * @return a new tensor of this shape
     */
    public Tensor round() {
        return ElementwiseOps.ROUND.apply(this);
    }

    /**
     * Elementwise: Integer part, towards zero; derivative 0.
     *
     * @return a new tensor of this shape
     */
    public Tensor trunc() {
        return ElementwiseOps.TRUNC.apply(this);
    }

    /**
     * Elementwise, broadcast: The angle of (other, this) in (-π, π], as {@code Math.atan2(this, other)}.
     *
     * @param other the other operand (broadcasts with this)
     * @return a new tensor of the broadcast shape
     */
    public Tensor atan2(Tensor other) {
        return ElementwiseOps.ATAN2.apply(this, other);
    }

    /**
     * atan2 with a constant {@code c}.
     *
     * @param c the constant
     * @return a new tensor of this shape
     */
    public Tensor atan2(double c) {
        return ElementwiseOps.ATAN2.apply(this, scalar(c));
    }

    /**
     * Elementwise, broadcast: The larger of the two; a tie splits the gradient evenly; NaN propagates and gives both the whole gradient (torch.maximum).
     *
     * @param other the other operand (broadcasts with this)
     * @return a new tensor of the broadcast shape
     */
    public Tensor maximum(Tensor other) {
        return ElementwiseOps.MAXIMUM.apply(this, other);
    }

    /**
     * maximum with a constant {@code c}.
     *
     * @param c the constant
     * @return a new tensor of this shape
     */
    public Tensor maximum(double c) {
        return ElementwiseOps.MAXIMUM.apply(this, scalar(c));
    }

    /**
     * Elementwise, broadcast: The smaller of the two; ties and NaN as maximum (torch.minimum).
     *
     * @param other the other operand (broadcasts with this)
     * @return a new tensor of the broadcast shape
     */
    public Tensor minimum(Tensor other) {
        return ElementwiseOps.MINIMUM.apply(this, other);
    }

    /**
     * minimum with a constant {@code c}.
     *
     * @param c the constant
     * @return a new tensor of this shape
     */
    public Tensor minimum(double c) {
        return ElementwiseOps.MINIMUM.apply(this, scalar(c));
    }

    /**
     * Elementwise, broadcast: linear interpolation {@code this + weight * (end - this)},
     * differentiable in all three; the same bits as {@code torch.lerp} (see {@link Lerp}).
     *
     * @param end    the values at weight 1 (broadcasts with this and weight)
     * @param weight the interpolation weights (any numbers; outside [0, 1] they extrapolate)
     * @return the interpolation, of the three shapes' broadcast
     */
    public Tensor lerp(Tensor end, Tensor weight) {
        return Lerp.apply(this, end, weight);
    }

    /**
     * Elementwise, broadcast: linear interpolation {@code this + weight * (end - this)} with a constant weight.
     *
     * @param end    the values at weight 1 (broadcasts with this)
     * @param weight the interpolation weight
     * @return the interpolation, of the broadcast shape
     */
    public Tensor lerp(Tensor end, double weight) {
        return Lerp.apply(this, end, scalar(weight));
    }

    // The primitives the engine itself needs (broadcast addition and its inverse); the
    // op table lives in the ops files, each rule beside its forward.

    /** Elementwise {@code this + other} with NumPy broadcasting. */
    public Tensor add(Tensor other) {
        return Elementwise.add(this, other);
    }

    /** Elementwise {@code this * other} with NumPy broadcasting. */
    public Tensor mul(Tensor other) {
        return Elementwise.mul(this, other);
    }

    /**
     * The sum of all elements, as a 0-dimensional tensor.
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor sum() {
        return Reductions.sumAll(this);
    }

    /**
     * Sums this tensor down to {@code target}, the inverse of broadcasting: leading axes are
     * summed away and axes where {@code target} has 1 are summed with keepDims.
     *
     * @param target a shape this tensor's shape broadcasts from
     * @return a new tensor of shape {@code target} (this tensor when its shape already is the target)
     */
    public Tensor sumTo(int... target) {
        return Reductions.sumTo(this, target);
    }

    /**
     * Broadcasts this tensor to {@code target} (NumPy rules), as a new tensor; -1 keeps an axis's size, as PyTorch.
     *
     * @param target a shape this tensor broadcasts to (NumPy rules), -1 for an axis kept as it is
     * @return a new tensor of the target shape (this tensor when its shape already is the target)
     */
    public Tensor expand(int... target) {
        return Reductions.expand(this, target);
    }

    // ---- ops: elementwise & reductions (tensor-ops) ----
    // Binary ops broadcast in both directions (NumPy rules); the op tables are Elementwise,
    // ElementwiseOps, Reductions and Softmax. There is deliberately no max(double)/min(double):
    // with max(int axis) beside it, t.max(0) would silently reduce instead of clamping. Use
    // maximum(c) (ties split the gradient) or clamp(lo, hi) (bounds pass it).

    /** Elementwise {@code this - other} with NumPy broadcasting. */
    public Tensor sub(Tensor other) {
        return Elementwise.sub(this, other);
    }

    /** Elementwise {@code this / other} with NumPy broadcasting; division by zero gives IEEE infinities or NaN. */
    public Tensor div(Tensor other) {
        return Elementwise.div(this, other);
    }

    /**
     * Elementwise {@code this ^ exponent} with NumPy broadcasting, differentiable in both; the
     * base should be positive where the exponent's gradient is wanted (it is 0 where the base
     * is 0 and the exponent non-negative, as PyTorch).
     *
     * @param exponent the exponent, broadcast against this tensor
     * @return a new tensor of the broadcast shape
     */
    public Tensor pow(Tensor exponent) {
        return Elementwise.pow(this, exponent);
    }

    /**
     * Elementwise larger of the two (broadcast); on a tie each gets half the gradient, as
     * {@link Value#max}. NaN propagates, and both operands get the whole gradient there (torch.maximum).
     *
     * @param other the other operand, broadcast against this tensor
     * @return a new tensor of the broadcast shape
     */
    public Tensor max(Tensor other) {
        return maximum(other);
    }

    /**
     * Elementwise smaller of the two (broadcast); on a tie each gets half the gradient, as
     * {@link Value#min}. NaN propagates, and both operands get the whole gradient there (torch.minimum).
     *
     * @param other the other operand, broadcast against this tensor
     * @return a new tensor of the broadcast shape
     */
    public Tensor min(Tensor other) {
        return minimum(other);
    }

    /** Elementwise {@code this + c}. */
    public Tensor add(double c) {
        return Elementwise.add(this, c);
    }

    /** Elementwise {@code this - c}. */
    public Tensor sub(double c) {
        return Elementwise.add(this, -c);
    }

    /** Elementwise {@code this * c}. */
    public Tensor mul(double c) {
        return Elementwise.mul(this, c);
    }

    /** Elementwise {@code this / c} (a true division, matching {@link Value#div(double)}). */
    public Tensor div(double c) {
        return Elementwise.div(this, c);
    }

    /** Elementwise {@code this ^ p} for a constant p; the gradient is 0 when p = 0. */
    public Tensor pow(double p) {
        return Elementwise.pow(this, p);
    }

    /** Elementwise {@code -this}. */
    public Tensor neg() {
        return Elementwise.neg(this);
    }

    /**
     * Elementwise e to the power of this.
     *
     * @return a new tensor of this shape
     */
    public Tensor exp() {
        return ElementwiseOps.EXP.apply(this);
    }

    /**
     * Elementwise natural logarithm; {@code log(0) = -Infinity}, negative input gives NaN.
     *
     * @return a new tensor of this shape
     */
    public Tensor log() {
        return ElementwiseOps.LOG.apply(this);
    }

    /**
     * Elementwise square root; its derivative at 0 is infinite.
     *
     * @return a new tensor of this shape
     */
    public Tensor sqrt() {
        return ElementwiseOps.SQRT.apply(this);
    }

    /**
     * Elementwise absolute value; derivative sign(x), 0 at 0.
     *
     * @return a new tensor of this shape
     */
    public Tensor abs() {
        return ElementwiseOps.ABS.apply(this);
    }

    /**
     * Elementwise sine.
     *
     * @return a new tensor of this shape
     */
    public Tensor sin() {
        return ElementwiseOps.SIN.apply(this);
    }

    /**
     * Elementwise cosine.
     *
     * @return a new tensor of this shape
     */
    public Tensor cos() {
        return ElementwiseOps.COS.apply(this);
    }

    /**
     * Elementwise hyperbolic tangent.
     *
     * @return a new tensor of this shape
     */
    public Tensor tanh() {
        return ElementwiseOps.TANH.apply(this);
    }

    /**
     * Elementwise logistic sigmoid 1 / (1 + e^-x), stable for large |x|.
     *
     * @return a new tensor of this shape
     */
    public Tensor sigmoid() {
        return ElementwiseOps.SIGMOID.apply(this);
    }

    /**
     * Elementwise max(x, 0), NaN kept (as PyTorch); derivative 0 for x &le; 0, else 1 (so 0 at
     * 0, and 1 at NaN as PyTorch's threshold_backward).
     *
     * @return a new tensor of this shape
     */
    public Tensor relu() {
        return ElementwiseOps.RELU.apply(this);
    }

    /**
     * Elementwise x for x &gt; 0, else {@code slope * x} (a finite slope); derivative {@code slope} for x &le; 0.
     *
     * @param slope the slope for x &le; 0 (finite)
     * @return a new tensor of this shape
     */
    public Tensor leakyRelu(double slope) {
        return ElementwiseOps.LEAKY_RELU.apply(this, slope);
    }

    /**
     * Elementwise Heaviside step: 1 for x &ge; 0, else 0; nothing flows back through it.
     *
     * @return a new tensor of this shape
     */
    public Tensor step() {
        return ElementwiseOps.STEP.apply(this);
    }

    /**
     * Elementwise log(1 + e^x), stable for large |x|; derivative sigmoid(x).
     *
     * @return a new tensor of this shape
     */
    public Tensor softplus() {
        return ElementwiseOps.SOFTPLUS.apply(this, 1, Double.POSITIVE_INFINITY);
    }

    /**
     * Elementwise x limited to [min, max] (either may be infinite); the gradient passes where
     * min &le; x &le; max, bounds included, as PyTorch. Refuses min &gt; max or NaN bounds.
     *
     * @param min the lower bound (-Infinity: none)
     * @param max the upper bound (Infinity: none)
     * @return a new tensor of this shape
     */
    public Tensor clamp(double min, double max) {
        return ElementwiseOps.CLAMP.apply(this, min, max);
    }

    /**
     * Constant 0/1 mask of {@code this > other} (broadcast); no gradient flows through it.
     *
     * @param other the right-hand side, broadcast against this tensor
     * @return a new constant of the broadcast shape holding 0 or 1
     */
    public Tensor gt(Tensor other) {
        return Elementwise.gt(this, other);
    }

    /**
     * Constant 0/1 mask of {@code this >= other} (broadcast).
     *
     * @param other the right-hand side, broadcast against this tensor
     * @return a new constant of the broadcast shape holding 0 or 1
     */
    public Tensor ge(Tensor other) {
        return Elementwise.ge(this, other);
    }

    /**
     * Constant 0/1 mask of {@code this < other} (broadcast).
     *
     * @param other the right-hand side, broadcast against this tensor
     * @return a new constant of the broadcast shape holding 0 or 1
     */
    public Tensor lt(Tensor other) {
        return Elementwise.lt(this, other);
    }

    /**
     * Constant 0/1 mask of {@code this <= other} (broadcast).
     *
     * @param other the right-hand side, broadcast against this tensor
     * @return a new constant of the broadcast shape holding 0 or 1
     */
    public Tensor le(Tensor other) {
        return Elementwise.le(this, other);
    }

    /**
     * Constant 0/1 mask of {@code this == other} (broadcast; NaN equals nothing).
     *
     * @param other the right-hand side, broadcast against this tensor
     * @return a new constant of the broadcast shape holding 0 or 1
     */
    public Tensor eq(Tensor other) {
        return Elementwise.eq(this, other);
    }

    /**
     * Constant 0/1 mask of {@code this > c}.
     *
     * @param c the number each element is compared with
     * @return a new constant of this shape holding 0 or 1
     */
    public Tensor gt(double c) {
        return gt(scalar(c));
    }

    /**
     * Constant 0/1 mask of {@code this >= c}.
     *
     * @param c the number each element is compared with
     * @return a new constant of this shape holding 0 or 1
     */
    public Tensor ge(double c) {
        return ge(scalar(c));
    }

    /**
     * Constant 0/1 mask of {@code this < c}.
     *
     * @param c the number each element is compared with
     * @return a new constant of this shape holding 0 or 1
     */
    public Tensor lt(double c) {
        return lt(scalar(c));
    }

    /**
     * Constant 0/1 mask of {@code this <= c}.
     *
     * @param c the number each element is compared with
     * @return a new constant of this shape holding 0 or 1
     */
    public Tensor le(double c) {
        return le(scalar(c));
    }

    /**
     * Constant 0/1 mask of {@code this == c}.
     *
     * @param c the number each element is compared with
     * @return a new constant of this shape holding 0 or 1
     */
    public Tensor eq(double c) {
        return eq(scalar(c));
    }

    /**
     * Elementwise {@code mask != 0 ? a : b}, the three broadcast together (a mask is usually
     * a comparison result). The gradient goes to {@code a} where the mask is set and to
     * {@code b} elsewhere; the mask gets none.
     *
     * @param mask the condition, nonzero where {@code a} is taken
     * @param a    the values where the mask is set
     * @param b    the values elsewhere
     * @return a new tensor of the three operands' broadcast shape
     */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        return Elementwise.where(mask, a, b);
    }

    /**
     * Sum over one axis (negative counts from the end), dropping it.
     *
     * @param axis the axis, negative counting from the end
     * @return a new tensor of this shape without that axis
     */
    public Tensor sum(int axis) {
        return Reductions.sum(this, new int[] {axis}, false);
    }

    /**
     * Sum over one axis, kept as size 1 when {@code keepDims}.
     *
     * @param axis     the axis, negative counting from the end
     * @param keepDims keep the reduced axis as size 1
     * @return a new tensor of the sums
     */
    public Tensor sum(int axis, boolean keepDims) {
        return Reductions.sum(this, new int[] {axis}, keepDims);
    }

    /**
     * Sum over the given axes (an empty list reduces nothing), kept as size 1 when {@code keepDims}.
     *
     * @param axes     distinct axes, negative counting from the end
     * @param keepDims keep the reduced axes as size 1
     * @return a new tensor of the sums (this tensor for an empty {@code axes})
     */
    public Tensor sum(int[] axes, boolean keepDims) {
        return Reductions.sum(this, axes, keepDims);
    }

    /**
     * Mean of all elements, as a 0-dimensional tensor.
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor mean() {
        return Reductions.meanAll(this);
    }

    /**
     * Mean over one axis, dropping it.
     *
     * @param axis the axis, negative counting from the end
     * @return a new tensor of this shape without that axis
     */
    public Tensor mean(int axis) {
        return Reductions.mean(this, new int[] {axis}, false);
    }

    /**
     * Mean over one axis, kept as size 1 when {@code keepDims}.
     *
     * @param axis     the axis, negative counting from the end
     * @param keepDims keep the reduced axis as size 1
     * @return a new tensor of the means
     */
    public Tensor mean(int axis, boolean keepDims) {
        return Reductions.mean(this, new int[] {axis}, keepDims);
    }

    /**
     * Mean over the given axes, kept as size 1 when {@code keepDims}.
     *
     * @param axes     distinct axes, negative counting from the end
     * @param keepDims keep the reduced axes as size 1
     * @return a new tensor of the means
     */
    public Tensor mean(int[] axes, boolean keepDims) {
        return Reductions.mean(this, axes, keepDims);
    }

    /**
     * Maximum of all elements (0-dimensional); ties share the gradient evenly, NaN propagates.
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor max() {
        return Reductions.extremumAll("max", this);
    }

    /**
     * Maximum over one axis, dropping it (not the elementwise max with a number: see {@link #max(Tensor)}).
     *
     * @param axis the axis, negative counting from the end
     * @return a new tensor of this shape without that axis
     */
    public Tensor max(int axis) {
        return Reductions.max(this, new int[] {axis}, false);
    }

    /**
     * Maximum over one axis, kept as size 1 when {@code keepDims}.
     *
     * @param axis     the axis, negative counting from the end
     * @param keepDims keep the reduced axis as size 1
     * @return a new tensor of the maxima
     */
    public Tensor max(int axis, boolean keepDims) {
        return Reductions.max(this, new int[] {axis}, keepDims);
    }

    /**
     * Maximum over the given axes; ties share the gradient evenly (PyTorch's amax).
     *
     * @param axes     distinct axes, negative counting from the end
     * @param keepDims keep the reduced axes as size 1
     * @return a new tensor of the maxima
     */
    public Tensor max(int[] axes, boolean keepDims) {
        return Reductions.max(this, axes, keepDims);
    }

    /**
     * Minimum of all elements (0-dimensional); ties share the gradient evenly, NaN propagates.
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor min() {
        return Reductions.extremumAll("min", this);
    }

    /**
     * Minimum over one axis, dropping it (not the elementwise min with a number: see {@link #min(Tensor)}).
     *
     * @param axis the axis, negative counting from the end
     * @return a new tensor of this shape without that axis
     */
    public Tensor min(int axis) {
        return Reductions.min(this, new int[] {axis}, false);
    }

    /**
     * Minimum over one axis, kept as size 1 when {@code keepDims}.
     *
     * @param axis     the axis, negative counting from the end
     * @param keepDims keep the reduced axis as size 1
     * @return a new tensor of the minima
     */
    public Tensor min(int axis, boolean keepDims) {
        return Reductions.min(this, new int[] {axis}, keepDims);
    }

    /**
     * Minimum over the given axes; ties share the gradient evenly (PyTorch's amin).
     *
     * @param axes     distinct axes, negative counting from the end
     * @param keepDims keep the reduced axes as size 1
     * @return a new tensor of the minima
     */
    public Tensor min(int[] axes, boolean keepDims) {
        return Reductions.min(this, axes, keepDims);
    }

    /**
     * log Σ exp of all elements (0-dimensional), finite for large logits.
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor logSumExp() {
        return Reductions.logSumExp(this, Reductions.allAxes(this), false);
    }

    /**
     * log Σ exp over one axis, dropping it.
     *
     * @param axis the axis, negative counting from the end
     * @return a new tensor of this shape without that axis
     */
    public Tensor logSumExp(int axis) {
        return Reductions.logSumExp(this, new int[] {axis}, false);
    }

    /**
     * log Σ exp over one axis, kept as size 1 when {@code keepDims}.
     *
     * @param axis     the axis, negative counting from the end
     * @param keepDims keep the reduced axis as size 1
     * @return a new tensor of the results
     */
    public Tensor logSumExp(int axis, boolean keepDims) {
        return Reductions.logSumExp(this, new int[] {axis}, keepDims);
    }

    /**
     * log Σ exp over the given axes, kept as size 1 when {@code keepDims}.
     *
     * @param axes     distinct axes, negative counting from the end
     * @param keepDims keep the reduced axes as size 1
     * @return a new tensor of the results
     */
    public Tensor logSumExp(int[] axes, boolean keepDims) {
        return Reductions.logSumExp(this, axes, keepDims);
    }

    /**
     * Unbiased variance of all elements (divides by N - 1, PyTorch's default); NaN for one element.
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor var() {
        return Reductions.var(this, Reductions.allAxes(this), false, 1);
    }

    /**
     * Unbiased variance over one axis, kept as size 1 when {@code keepDims}.
     *
     * @param axis     the axis, negative counting from the end
     * @param keepDims keep the reduced axis as size 1
     * @return a new tensor of the variances
     */
    public Tensor var(int axis, boolean keepDims) {
        return Reductions.var(this, new int[] {axis}, keepDims, 1);
    }

    /**
     * Unbiased variance (divides by N - 1) over the given axes, kept as size 1 when {@code keepDims}.
     *
     * @param axes     distinct axes, negative counting from the end
     * @param keepDims keep the reduced axes as size 1
     * @return a new tensor of the variances
     */
    public Tensor var(int[] axes, boolean keepDims) {
        return Reductions.var(this, axes, keepDims, 1);
    }

    /**
     * Variance over the given axes dividing by N - {@code correction} (0: population, 1: unbiased).
     *
     * @param axes       distinct axes, negative counting from the end
     * @param keepDims   keep the reduced axes as size 1
     * @param correction subtracted from N in the divisor: 1 for the unbiased estimate, 0 for the population value
     * @return a new tensor of the variances
     */
    public Tensor var(int[] axes, boolean keepDims, int correction) {
        return Reductions.var(this, axes, keepDims, correction);
    }

    /**
     * Softmax along {@code axis}, stable for logits of any magnitude.
     *
     * @param axis the axis, negative counting from the end
     * @return a new tensor of this shape, each slice along the axis summing to 1
     */
    public Tensor softmax(int axis) {
        return Softmax.softmax(this, axis);
    }

    /**
     * Log-softmax along {@code axis} ({@code x - logSumExp(x)}), stable for logits of any magnitude.
     *
     * @param axis the axis, negative counting from the end
     * @return a new tensor of this shape
     */
    public Tensor logSoftmax(int axis) {
        return Softmax.logSoftmax(this, axis);
    }

    // ---- end tensor-ops ----

    // ---- ops: shape & indexing (tensor-shape) ----

    /**
     * A copy of this tensor in a new shape with the same element count; one dimension may be
     * -1 and is then inferred. Throws if the element count would change.
     *
     * @param shape the new dimensions, at most one -1
     * @return a new tensor of that shape
     */
    public Tensor reshape(int... shape) {
        return ShapeOps.reshape(this, shape);
    }

    /**
     * This tensor's storage seen in a new shape (no copy; storage is always contiguous, so
     * any reshape is possible). One dimension may be -1. Later in-place updates of a leaf's
     * storage show through its views.
     *
     * @param shape the new dimensions, at most one -1; the element count must not change
     * @return a view of this tensor's storage in that shape (this tensor for its own shape)
     */
    public Tensor view(int... shape) {
        return ShapeOps.view(this, shape);
    }

    /**
     * Swaps two axes (negative axes count from the end).
     *
     * @param axis0 one axis, negative counting from the end
     * @param axis1 the other axis
     * @return a new tensor with the two axes swapped (this tensor when they are the same axis)
     */
    public Tensor transpose(int axis0, int axis1) {
        return ShapeOps.transpose(this, axis0, axis1);
    }

    /**
     * The transpose of a 2-D tensor.
     *
     * @return a new [n, m] tensor for this [m, n] one
     */
    public Tensor T() {
        return ShapeOps.matrixTranspose(this);
    }

    /**
     * Reorders the axes: axis i of the result is axis {@code axes[i]} of this tensor.
     *
     * @param axes a permutation of 0 .. dim()-1 (negative axes count from the end)
     * @return a new tensor with the axes reordered (this tensor for the identity permutation)
     */
    public Tensor permute(int... axes) {
        return ShapeOps.permute(this, axes);
    }

    /**
     * Removes every axis of length 1 (a view).
     *
     * @return a view without the axes of length 1 (this tensor when it has none)
     */
    public Tensor squeeze() {
        return ShapeOps.squeeze(this);
    }

    /**
     * Removes {@code axis}, which must have length 1 (a view; unlike PyTorch, another length is an error).
     *
     * @param axis an axis of length 1, negative counting from the end
     * @return a view without that axis
     */
    public Tensor squeeze(int axis) {
        return ShapeOps.squeeze(this, axis);
    }

    /**
     * Inserts an axis of length 1 so that it becomes axis {@code axis} of the result (a view).
     *
     * @param axis the new axis's position in the result, from -(dim()+1) to dim()
     * @return a view with one more axis
     */
    public Tensor unsqueeze(int axis) {
        return ShapeOps.unsqueeze(this, axis);
    }

    /**
     * Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}, as
     * PyTorch slices: negative bounds count from the end, bounds are clamped to the axis, and
     * an empty range gives an empty axis.
     *
     * @param axis  the axis, negative counting from the end
     * @param start the first position kept
     * @param end   the position after the last one kept
     * @return a new tensor, shorter (or empty) along the axis (this tensor when the range is the whole axis)
     */
    public Tensor slice(int axis, int start, int end) {
        return ShapeOps.slice(this, axis, start, end);
    }

    /**
     * {@code length} elements from {@code start} along {@code axis} (PyTorch's narrow);
     * {@code start} may be negative; the range must lie within the axis.
     *
     * @param axis   the axis, negative counting from the end
     * @param start  the first position kept, negative counting from the end
     * @param length how many positions, ≥ 0
     * @return a new tensor with {@code length} elements along the axis (this tensor when that is the whole axis)
     */
    public Tensor narrow(int axis, int start, int length) {
        return ShapeOps.narrow(this, axis, start, length);
    }

    /**
     * Joins tensors along an existing axis; the other dimensions must agree.
     *
     * @param axis    the axis, negative counting from the end
     * @param tensors at least one tensor, all of the same rank
     * @return a new tensor, the lengths along the axis added up
     */
    public static Tensor concat(int axis, Tensor... tensors) {
        return ShapeOps.concat(axis, tensors == null ? null : Arrays.asList(tensors));
    }

    /**
     * Joins tensors along an existing axis; the other dimensions must agree.
     *
     * @param axis    the axis, negative counting from the end
     * @param tensors at least one tensor, all of the same rank
     * @return a new tensor, the lengths along the axis added up
     */
    public static Tensor concat(int axis, List<Tensor> tensors) {
        return ShapeOps.concat(axis, tensors);
    }

    /**
     * Joins equally shaped tensors along a new axis, axis {@code axis} of the result.
     *
     * @param axis    the new axis's position in the result, negative counting from the end
     * @param tensors at least one tensor, all of the same shape
     * @return a new tensor with one more axis, of length {@code tensors.length}
     */
    public static Tensor stack(int axis, Tensor... tensors) {
        return ShapeOps.stack(axis, tensors == null ? null : Arrays.asList(tensors));
    }

    /**
     * Joins equally shaped tensors along a new axis, axis {@code axis} of the result.
     *
     * @param axis    the new axis's position in the result, negative counting from the end
     * @param tensors at least one tensor, all of the same shape
     * @return a new tensor with one more axis, of length {@code tensors.size()}
     */
    public static Tensor stack(int axis, List<Tensor> tensors) {
        return ShapeOps.stack(axis, tensors);
    }

    /**
     * {@code torch.gather}: picks entries along {@code axis} at the positions held by
     * {@code index} (whole numbers, same rank as this tensor, no larger in the other axes);
     * the result has the index's shape. The index gets no gradient.
     *
     * @param axis  the axis picked along, negative counting from the end
     * @param index whole-number positions along the axis, each in [0, length)
     * @return a new tensor of the index's shape
     */
    public Tensor gather(int axis, Tensor index) {
        return IndexOps.gather(this, axis, index);
    }

    /**
     * The entries at {@code indices} along {@code axis}, in that order (repeats allowed).
     *
     * @param axis    the axis, negative counting from the end
     * @param indices positions along the axis, each in [0, length)
     * @return a new tensor with {@code indices.length} elements along the axis
     */
    public Tensor indexSelect(int axis, int... indices) {
        return IndexOps.indexSelect(this, axis, indices);
    }

    /**
     * A constant {@code [labels.length, numClasses]} matrix with a single 1 per row, at the label.
     *
     * @param labels     the class of each row, each in [0, numClasses)
     * @param numClasses the number of columns, ≥ 1
     * @return a new [labels.length, numClasses] constant
     */
    public static Tensor oneHot(int[] labels, int numClasses) {
        return IndexOps.oneHot(labels, numClasses);
    }

    /**
     * The matrix product with NumPy's {@code matmul} semantics: 1-D·1-D is a dot product
     * (0-dimensional), a 1-D left (right) operand is a row (column) whose axis is dropped from
     * the result, and leading batch axes broadcast. Every product, forward and backward, runs
     * on the matmul kernel ({@link Backend#kernel()}).
     *
     * @param other the right operand, at least 1-D, its contracted axis as long as this tensor's last
     * @return a new tensor of the product's shape (0-dimensional for two vectors)
     */
    public Tensor matmul(Tensor other) {
        return MatMulOps.matmul(this, other);
    }

    /**
     * The affine map {@code this @ w + b} of a linear layer in one op: this [..., in], the
     * weight w [in, out], the bias b [out]; the result is [..., out]. Equal to
     * {@code matmul(w).add(b)} but one pass and one node (the bias preloads the result and
     * the kernel adds the product into it).
     *
     * @param w the weight [in, out]
     * @param b the bias [out]
     * @return a new [..., out] tensor
     */
    public Tensor affine(Tensor w, Tensor b) {
        return AffineOps.affine(this, w, b);
    }

    /**
     * {@code relu(this @ w + b)} in one op, the hidden layer of an MLP: shapes as
     * {@link #affine}; equal to {@code affine(w, b).relu()} (relu(NaN) = NaN, derivative 0 at 0)
     * but the activation is applied in place on the fresh result and its backward mask is
     * read from the output, so the layer makes one array and one node.
     *
     * @param w the weight [in, out]
     * @param b the bias [out]
     * @return a new [..., out] tensor, every element ≥ 0 or NaN
     */
    public Tensor affineRelu(Tensor w, Tensor b) {
        return AffineOps.affineRelu(this, w, b);
    }

    // ---- end tensor-shape ----

    // ---- linear layer in PyTorch's weight layout (i16pkg) ----

    /**
     * PyTorch's {@code F.linear(this, w, b)} in one op: {@code this @ wᵀ + b} with this [..., in],
     * the weight w [out, in] (PyTorch's {@code nn.Linear} layout, read transposed in place by the
     * kernel, never copied) and the bias b [out]; the result is [..., out]. Equal to
     * {@code matmul(w.transpose(0, 1)).add(b)} but one pass and one node, as {@link #affine}.
     *
     * @param w the weight [out, in]
     * @param b the bias [out]
     * @return the layer's output [..., out]
     */
    public Tensor linear(Tensor w, Tensor b) {
        return AffineOps.linear(this, w, b);
    }

    /**
     * {@code this @ wᵀ} with w [out, in]: {@link #linear(Tensor, Tensor)} without a bias.
     *
     * @param w the weight [out, in]
     * @return the layer's output [..., out]
     */
    public Tensor linear(Tensor w) {
        return AffineOps.linear(this, w);
    }

    /**
     * {@code relu(this @ wᵀ + b)} in one op, an MLP's hidden layer with w [out, in]: shapes as
     * {@link #linear(Tensor, Tensor)}, the activation fused as in {@link #affineRelu}.
     *
     * @param w the weight [out, in]
     * @param b the bias [out]
     * @return the layer's activations [..., out]
     */
    public Tensor linearRelu(Tensor w, Tensor b) {
        return AffineOps.linearRelu(this, w, b);
    }

    // ---- end linear layer ----

    // ---------------------------------------------------------------- scans, sorting and more reductions
    // Op tables: Products (prod), Norms (std, norm), Scans (cumsum, cumprod, logCumSumExp),
    // Sorting (sort, topk, argmax, argmin, median). Negative axes count from the end.

    /**
     * Values along an axis with their positions along it: the result of {@link #sort},
     * {@link #topk} and {@link #median(int)}.
     *
     * @param values  the selected values; differentiable (the gradient goes to the selected elements)
     * @param indices positions along the axis as whole numbers, a constant (usable with {@link #gather})
     */
    public record Sorted(Tensor values, Tensor indices) {
    }

    /**
     * The product of all elements, as a 0-dimensional tensor (1 for an empty tensor); exact gradient with zeros.
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor prod() {
        return Products.prodAll(this);
    }

    /**
     * The product over the given axes, dropping them (an empty list reduces nothing). The
     * gradient of an element is the product of the others, exact where the input has zeros.
     *
     * @param axes distinct axes, negative counting from the end
     * @return the products
     */
    public Tensor prod(int... axes) {
        return Products.prod(this, axes, false);
    }

    /**
     * The product over the given axes, kept as size 1 when {@code keepDims}.
     *
     * @param axes     distinct axes, negative counting from the end
     * @param keepDims keep the reduced axes as size 1
     * @return a new tensor of the products
     */
    public Tensor prod(int[] axes, boolean keepDims) {
        return Products.prod(this, axes, keepDims);
    }

    /**
     * The unbiased standard deviation of all elements (divides by N - 1, PyTorch's default
     * correction = 1); NaN for one element.
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor std() {
        return Norms.std(this, Reductions.allAxes(this), false, 1);
    }

    /**
     * The unbiased standard deviation (correction 1, as PyTorch's default) over the given axes,
     * dropping them.
     *
     * @param axes distinct axes, negative counting from the end
     * @return sqrt(Σ (x - mean)² / (N - 1))
     */
    public Tensor std(int... axes) {
        return Norms.std(this, axes, false, 1);
    }

    /**
     * The unbiased standard deviation over the given axes, kept as size 1 when {@code keepDims}.
     *
     * @param axes     distinct axes, negative counting from the end
     * @param keepDims keep the reduced axes as size 1
     * @return a new tensor of the standard deviations
     */
    public Tensor std(int[] axes, boolean keepDims) {
        return Norms.std(this, axes, keepDims, 1);
    }

    /**
     * The standard deviation over the given axes dividing by N - {@code correction}.
     *
     * @param axes       distinct axes, negative counting from the end
     * @param keepDims   keep the reduced axes as size 1
     * @param correction 1 for the unbiased estimate (the default), 0 for the population value
     * @return sqrt(Σ (x - mean)² / (N - correction))
     */
    public Tensor std(int[] axes, boolean keepDims, int correction) {
        return Norms.std(this, axes, keepDims, correction);
    }

    /**
     * The vector p-norm of all elements (torch.linalg.vector_norm), as a 0-dimensional tensor.
     *
     * @param p a finite p &gt; 0, {@code Double.POSITIVE_INFINITY} (max |x|), {@code NEGATIVE_INFINITY}
     *          (min |x|) or 0 (the number of non-zero entries, gradient 0)
     * @return the norm; its gradient at a zero vector is 0
     */
    public Tensor norm(double p) {
        return Norms.norm(this, p, Reductions.allAxes(this), false);
    }

    /**
     * The vector p-norm over the given axes, dropping them.
     *
     * @param p    as {@link #norm(double)}
     * @param axes distinct axes, negative counting from the end
     * @return the norms
     */
    public Tensor norm(double p, int... axes) {
        return Norms.norm(this, p, axes, false);
    }

    /**
     * The vector p-norm over the given axes, kept as size 1 when {@code keepDims}; p as {@link #norm(double)}.
     *
     * @param p        as {@link #norm(double)}
     * @param axes     distinct axes, negative counting from the end
     * @param keepDims keep the reduced axes as size 1
     * @return a new tensor of the norms
     */
    public Tensor norm(double p, int[] axes, boolean keepDims) {
        return Norms.norm(this, p, axes, keepDims);
    }

    /**
     * Running sums along {@code axis} (torch.cumsum).
     *
     * @param axis the axis, negative counting from the end
     * @return a new tensor of this shape
     */
    public Tensor cumsum(int axis) {
        return Scans.cumsum(this, axis);
    }

    /**
     * Running products along {@code axis} (torch.cumprod); the gradient is exact where the input has zeros.
     *
     * @param axis the axis, negative counting from the end
     * @return a new tensor of this shape
     */
    public Tensor cumprod(int axis) {
        return Scans.cumprod(this, axis);
    }

    /**
     * Running log Σ exp along {@code axis} (torch.logcumsumexp), stable for inputs of any magnitude.
     *
     * @param axis the axis, negative counting from the end
     * @return a new tensor of this shape
     */
    public Tensor logCumSumExp(int axis) {
        return Scans.logCumSumExp(this, axis);
    }

    /**
     * The row-major position of the largest element (the first on a tie, the first NaN if any), a 0-d constant.
     *
     * @return a new 0-dimensional constant holding a whole number
     */
    public Tensor argmax() {
        return Sorting.argExtremumAll("argmax", this, true);
    }

    /**
     * The position of the largest element along {@code axis}, dropping the axis: a constant of
     * whole numbers; the first on a tie, and the first NaN if a slice has one (as PyTorch).
     *
     * @param axis the axis, negative counting from the end
     * @return a new constant of this shape without that axis
     */
    public Tensor argmax(int axis) {
        return Sorting.argExtremum("argmax", this, axis, false, true);
    }

    /**
     * As {@link #argmax(int)}, the axis kept as size 1 when {@code keepDims}.
     *
     * @param axis     the axis, negative counting from the end
     * @param keepDims keep the reduced axis as size 1
     * @return a new constant of whole numbers
     */
    public Tensor argmax(int axis, boolean keepDims) {
        return Sorting.argExtremum("argmax", this, axis, keepDims, true);
    }

    /**
     * The row-major position of the smallest element (the first on a tie, the first NaN if any), a 0-d constant.
     *
     * @return a new 0-dimensional constant holding a whole number
     */
    public Tensor argmin() {
        return Sorting.argExtremumAll("argmin", this, false);
    }

    /**
     * The position of the smallest element along {@code axis}, dropping the axis; ties and NaN as {@link #argmax(int)}.
     *
     * @param axis the axis, negative counting from the end
     * @return a new constant of this shape without that axis
     */
    public Tensor argmin(int axis) {
        return Sorting.argExtremum("argmin", this, axis, false, false);
    }

    /**
     * As {@link #argmin(int)}, the axis kept as size 1 when {@code keepDims}.
     *
     * @param axis     the axis, negative counting from the end
     * @param keepDims keep the reduced axis as size 1
     * @return a new constant of whole numbers
     */
    public Tensor argmin(int axis, boolean keepDims) {
        return Sorting.argExtremum("argmin", this, axis, keepDims, false);
    }

    /**
     * Sorts along {@code axis}, stably (equal elements keep their order); NaN sorts after every
     * number, so first when descending (as PyTorch).
     *
     * @param axis       the axis, negative counting from the end
     * @param descending largest first
     * @return the sorted values (differentiable) and their original positions
     */
    public Tensor.Sorted sort(int axis, boolean descending) {
        return Sorting.sort(this, axis, descending);
    }

    /**
     * Sorts along {@code axis} in ascending order, as {@link #sort(int, boolean)}.
     *
     * @param axis the axis, negative counting from the end
     * @return the sorted values (differentiable) and their original positions
     */
    public Tensor.Sorted sort(int axis) {
        return Sorting.sort(this, axis, false);
    }

    /**
     * The {@code k} largest values along {@code axis}, largest first (NaN counts as largest),
     * with their positions; of equal values the earlier position comes first.
     *
     * @param k    how many, 0 to the axis length
     * @param axis the axis, negative counting from the end
     * @return the values (differentiable) and positions, the axis of length k
     */
    public Tensor.Sorted topk(int k, int axis) {
        return Sorting.topk(this, k, axis);
    }

    /**
     * The lower median of all elements (the smaller middle one for an even count, as
     * torch.median), 0-dimensional; NaN if any element is. The gradient is split evenly among
     * the elements equal to it.
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor median() {
        return Sorting.medianAll(this);
    }

    /**
     * The lower median along {@code axis} and its position, dropping the axis (torch.median(dim));
     * NaN at the first NaN where a slice has one. Of equal medians, the position a stable
     * ascending sort puts at (n-1)/2.
     *
     * @param axis the axis, negative counting from the end
     * @return the medians (differentiable) and their positions (a constant), of this shape without the axis
     */
    public Tensor.Sorted median(int axis) {
        return Sorting.median(this, axis, false);
    }

    /**
     * As {@link #median(int)}, the axis kept as size 1 when {@code keepDims}.
     *
     * @param axis     the axis, negative counting from the end
     * @param keepDims keep the reduced axis as size 1
     * @return the medians (differentiable) and their positions (a constant)
     */
    public Tensor.Sorted median(int axis, boolean keepDims) {
        return Sorting.median(this, axis, keepDims);
    }

    // ---------------------------------------------------------------- gradients

    /**
     * Backward from a scalar (one-element) output, seeding 1. Releases the graph: each node
     * drops its rule, its inputs and what the rule saved, so a result kept afterwards (a loss
     * in a list) holds only its own numbers; record a loss with {@link #item()}.
     */
    public void backward() {
        backward(false);
    }

    /**
     * As {@link #backward()}; with {@code retainGraph} true the graph stays usable (for a
     * second pass, or for {@link GraphExport} to draw it with its gradients).
     *
     * @param retainGraph keep the graph instead of releasing it
     */
    public void backward(boolean retainGraph) {
        if (length() != 1) {
            throw new IllegalStateException("backward: output has shape " + Arrays.toString(shape)
                    + " with " + length() + " elements; backward() without a seed needs a single-element "
                    + "output (e.g. call .sum() or .mean() first), or pass a seed of the same shape to backward(seed)");
        }
        backward(Tensor.full(dtype(), 1, shape), retainGraph);
    }

    /**
     * Backward seeding {@code seed} (same shape as this tensor) as d(loss)/d(this). Releases the graph.
     *
     * @param seed the gradient of the loss with respect to this tensor, of this tensor's shape
     */
    public void backward(Tensor seed) {
        backward(seed, false);
    }

    /**
     * As {@link #backward(Tensor)}; with {@code retainGraph} true the graph stays usable.
     *
     * @param seed        the gradient of the loss with respect to this tensor, of this tensor's shape
     * @param retainGraph whether to keep the graph for another backward pass
     */
    public void backward(Tensor seed, boolean retainGraph) {
        Objects.requireNonNull(seed, "backward: seed is null");
        if (!Arrays.equals(seed.shape, shape)) {
            throw new IllegalArgumentException("backward: seed shape " + Arrays.toString(seed.shape)
                    + " differs from output shape " + Arrays.toString(shape));
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward: " + describe() + " does not require a gradient: it is a "
                    + "constant, detached, or was computed under GradMode.disabled(). "
                    + "Make the inputs you differentiate with Tensor.of(...) or Tensor.randn(...).");
        }
        Tensor s = seed.dtype() == dtype() ? seed.detach() : seed.detach().to(dtype()); // a gradient has its tensor's type
        Engine.backward(this, () -> accumulate(s), retainGraph);
    }

    /**
     * The gradient from backward passes (accumulated for leaves), or null before any.
     *
     * @return the gradient, of this tensor's shape, or null
     */
    public Tensor grad() {
        return grad;
    }

    /**
     * Forgets this tensor's gradient (it becomes null) and returns this tensor.
     *
     * @return this tensor
     */
    public Tensor zeroGrad() {
        grad = null;
        return this;
    }

    /**
     * A constant cut off from the graph: same data (shared, not copied), no gradient flows
     * through it. Detached from a computed tensor it is read-only ({@link #update}
     * refuses), since writing would change the result that the graph's rules reuse.
     *
     * @return a new constant sharing this tensor's storage
     */
    public Tensor detach() {
        if (!requiresGrad && isLeaf()) {
            return this;
        }
        return aliasing(this, shape, "const", null, NONE, false, READS_NONE);
    }

    /**
     * Keeps this interior tensor's gradient after backward passes (leaves always keep theirs).
     * Refuses a tensor that does not require a gradient, which would never get one.
     *
     * @return this tensor
     */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("retainGrad: " + describe() + " does not require a gradient, so it "
                    + "never gets one to retain: it is a constant, detached, or was computed under GradMode.disabled()");
        }
        retainsGrad = true;
        return this;
    }

    /**
     * Registers a hook called with this tensor's gradient when it is complete in a backward
     * pass, and in {@link Autograd#grad(List, List, List, boolean, boolean)} (as PyTorch does);
     * a hook may return a replacement gradient of the same shape (or null to keep it).
     *
     * @param hook called with the complete gradient; returns a replacement of the same shape, or null
     * @return this tensor
     */
    public Tensor registerHook(UnaryOperator<Tensor> hook) {
        Objects.requireNonNull(hook, "registerHook: hook is null");
        if (!requiresGrad) {
            throw new IllegalStateException("registerHook: " + describe() + " does not require a gradient");
        }
        if (hooks == null) {
            hooks = new ArrayList<>();
        }
        hooks.add(hook);
        return this;
    }

    @Override
    void clearGrad() {
        grad = null;
    }

    @Override
    void gradReady() {
        if (grad != null) {
            grad = applyHooks(grad);
        }
    }

    @Override
    Node whenComplete(Node gradient) {
        return applyHooks((Tensor) gradient);
    }

    /** Runs the registered hooks on this tensor's complete gradient, in registration order. */
    private Tensor applyHooks(Tensor g) {
        if (hooks == null) {
            return g;
        }
        for (UnaryOperator<Tensor> hook : hooks) {
            Tensor replaced = hook.apply(g);
            if (replaced != null) {
                // a leaf would keep a mis-shaped gradient and a later pass would index past it
                if (!Arrays.equals(replaced.shape, shape)) {
                    throw new IllegalStateException("registerHook: a hook on " + describe()
                            + " returned a gradient of shape " + Arrays.toString(replaced.shape)
                            + "; a hook may replace the gradient but must keep the shape " + Arrays.toString(shape));
                }
                g = replaced;
            }
        }
        return g;
    }

    @Override
    void propagate() {
        if (grad == null) {
            return;
        }
        Node[] out = vjp(grad);
        for (int i = 0; i < out.length; i++) {
            Tensor in = (Tensor) inputs[i];
            if (out[i] != null && in.requiresGrad) {
                Anomaly.checkBackward(this, i, out[i]);
                in.accumulate((Tensor) out[i]);
            }
        }
        if (!retainsGrad) {
            grad = null;
        }
    }

    /** Adds a gradient contribution; a leaf's stored gradient is always its own copy. */
    private void accumulate(Tensor g) {
        if (grad == null) {
            grad = isLeaf() ? g.copyOwn("grad", false) : g;
        } else if (isLeaf() && grad.data != null) {
            Kernels.addInPlace(grad.data, g.data);
        } else if (isLeaf()) {
            Kernels.addInPlace(grad.floats, g.floats);
        } else {
            grad = grad.add(g);
        }
    }

    @Override
    Node[] vjp(Node gradOutput) {
        if (Anomaly.isEnabled()) {
            // the rule's steps may pass through NaN or ∞; its results are checked, naming this op
            try (var inRule = Anomaly.backwardRule()) {
                return ruleVjp((Tensor) gradOutput);
            }
        }
        return ruleVjp((Tensor) gradOutput);
    }

    /** The rule's gradients, each summed back to its input's shape and cast to its type. */
    private Tensor[] ruleVjp(Tensor gradOutput) {
        Tensor[] grads = rule.vjp(gradOutput);
        for (int i = 0; i < grads.length; i++) {
            Tensor in = (Tensor) inputs[i];
            if (grads[i] != null && !Arrays.equals(grads[i].shape, in.shape)) {
                grads[i] = grads[i].sumTo(in.shape); // the one place broadcasting is undone
            }
            if (grads[i] != null && grads[i].dtype() != in.dtype()) {
                grads[i] = grads[i].to(in.dtype()); // and promotion: a gradient has its input's type
            }
        }
        return grads;
    }

    @Override
    Node addGrads(Node a, Node b) {
        return ((Tensor) a).add((Tensor) b);
    }

    // ---------------------------------------------------------------- layout and einsum
    // Forwards and derivatives in LayoutOps (window and embedding primitives) and Einsum.

    /**
     * The elements in reverse order along each of {@code axes} ({@code torch.flip}); each axis
     * at most once, negative ones counting from the end. No axes: this tensor.
     *
     * @param axes the axes to reverse
     * @return a tensor of the same shape
     */
    public Tensor flip(int... axes) {
        return LayoutOps.flip(this, axes);
    }

    /**
     * The elements shifted {@code shift} places along {@code axis}, wrapping round
     * ({@code torch.roll}): {@code out[(i + shift) mod n] = this[i]}; the shift may be negative
     * or larger than the axis.
     *
     * @param shift places to move towards the end (negative: towards the start)
     * @param axis  the axis to roll
     * @return a tensor of the same shape
     */
    public Tensor roll(int shift, int axis) {
        return LayoutOps.roll(this, shift, axis);
    }

    /**
     * Constant padding as NumPy's {@code np.pad(x, widths, constant_values=value)}: one
     * {@code {before, after}} pair per axis, none negative (unlike {@code torch.nn.functional.pad},
     * negative widths do not crop: use {@link #slice}). The padding gets no gradient.
     *
     * @param widths {@code widths[d] = {before, after}} for each axis d
     * @param value  the value of the added elements
     * @return a tensor with axis d of length {@code shape[d] + before + after}
     */
    public Tensor pad(int[][] widths, double value) {
        return LayoutOps.pad(this, widths, value);
    }

    /**
     * This tensor tiled {@code reps[d]} times along each axis ({@code torch.Tensor.repeat}, NumPy's
     * {@code tile}); with more repetitions than axes, leading axes of length 1 are added first.
     *
     * @param reps one count (&ge; 0) per axis, at least as many as axes
     * @return a tensor of shape {@code reps[d] * shape[d]}
     */
    public Tensor repeat(int... reps) {
        return LayoutOps.repeat(this, reps);
    }

    /**
     * Each element repeated {@code repeats} times in place along {@code axis}
     * ({@code torch.repeat_interleave}): {@code [a, b]} becomes {@code [a, a, b, b]}.
     *
     * @param repeats copies of each element (&ge; 0)
     * @param axis    the axis to stretch
     * @return a tensor whose axis is {@code repeats} times longer
     */
    public Tensor repeatInterleave(int repeats, int axis) {
        return LayoutOps.repeatInterleave(this, repeats, axis);
    }

    /**
     * Consecutive pieces of {@code size} along {@code axis} ({@code torch.split}); the last is
     * shorter when the length is not a multiple; an empty axis gives one empty piece.
     *
     * @param size the length of each piece (&gt; 0; 0 only for an empty axis)
     * @param axis the axis to cut
     * @return the pieces in order, an unmodifiable list
     */
    public List<Tensor> split(int size, int axis) {
        return LayoutOps.split(this, size, axis);
    }

    /**
     * Pieces of {@code ceil(length / n)} along {@code axis} ({@code torch.chunk}), the last shorter:
     * there may be fewer than {@code n} (5 elements in 4 chunks gives 2, 2, 1); an empty axis gives
     * {@code n} empty pieces.
     *
     * @param n    the number of chunks wanted (&gt; 0)
     * @param axis the axis to cut
     * @return the pieces in order, an unmodifiable list
     */
    public List<Tensor> chunk(int n, int axis) {
        return LayoutOps.chunk(this, n, axis);
    }

    /**
     * The lower triangle of each matrix in the last two axes ({@code torch.tril}): entries with
     * {@code col - row <= k} kept, the others 0 (also where they are infinite or NaN).
     *
     * @param k the diagonal bounding the triangle: 0 the main one, &gt; 0 above it, &lt; 0 below
     * @return a tensor of the same shape
     */
    public Tensor tril(int k) {
        return LayoutOps.tril(this, k);
    }

    /**
     * The upper triangle of each matrix in the last two axes ({@code torch.triu}): entries with
     * {@code col - row >= k} kept, the others 0.
     *
     * @param k the diagonal bounding the triangle: 0 the main one, &gt; 0 above it, &lt; 0 below
     * @return a tensor of the same shape
     */
    public Tensor triu(int k) {
        return LayoutOps.triu(this, k);
    }

    /**
     * The main diagonal of each square matrix in the last two axes, as {@link Linalg#diagonal}.
     *
     * @return a tensor of shape [..., n]
     */
    public Tensor diagonal() {
        return Linalg.diagonal(this);
    }

    /**
     * The trace of each square matrix in the last two axes, as {@link Linalg#trace}.
     *
     * @return a tensor of the batch shape (0-dimensional for one matrix)
     */
    public Tensor trace() {
        return Linalg.trace(this);
    }

    /**
     * {@code value} where {@code mask} (broadcast to this tensor's shape) is nonzero, this tensor
     * elsewhere ({@code torch.Tensor.masked_fill}); the gradient is 0 at the filled places and the
     * mask gets none.
     *
     * @param mask  0/1 (or zero/nonzero) entries whose shape broadcasts to this one's
     * @param value the fill
     * @return a tensor of this shape
     */
    public Tensor maskedFill(Tensor mask, double value) {
        return LayoutOps.maskedFill(this, mask, value);
    }

    /**
     * Python's {@code x[start:end:step]} along {@code axis}, for any nonzero step (negative too,
     * as NumPy; PyTorch refuses those). Negative bounds count from the end; then bounds are
     * clamped, so one past either end acts as omitted: {@code slice(ax, 0, Integer.MAX_VALUE, 2)}
     * is {@code x[::2]} and {@code slice(ax, Integer.MAX_VALUE, Integer.MIN_VALUE, -1)} is
     * {@code x[::-1]}.
     *
     * @param axis  the axis to slice
     * @param start the first index taken
     * @param end   the index where taking stops (excluded)
     * @param step  the distance between taken indices
     * @return a tensor whose axis holds the taken elements
     */
    public Tensor slice(int axis, int start, int end, int step) {
        return LayoutOps.slice(this, axis, start, end, step);
    }

    /**
     * Einstein summation ({@code torch.einsum}), e.g. {@code einsum("bij,bjk->bik", a, b)},
     * {@code einsum("ii", m)} (trace), {@code einsum("...ij,...jk", a, b)}. Letters label axes,
     * one {@code ...} per operand stands for broadcast leading axes; without {@code ->} the
     * output is the {@code ...} axes then the letters used once, in ASCII order. A letter
     * repeated in one operand takes its diagonal. Contractions run as batched products on the
     * matmul kernel; gradients, of any order, come from the ops it is lowered to.
     *
     * @param spec     the subscripts, e.g. {@code "ij,jk->ik"}
     * @param operands one tensor per comma-separated term
     * @return the summed product
     */
    public static Tensor einsum(String spec, Tensor... operands) {
        return Einsum.einsum(spec, operands);
    }

    // ---------------------------------------------------------------- layout without an axis, per-element counts
    // Forwards and derivatives in LayoutOps.

    /**
     * The elements shifted {@code shift} places as if flattened, wrapping round, then given this
     * shape back ({@code torch.roll(x, shift)} without a dim).
     *
     * @param shift places to move towards the end in row-major order (negative: towards the start)
     * @return a tensor of the same shape
     */
    public Tensor roll(int shift) {
        return LayoutOps.roll(this, shift);
    }

    /**
     * The elements flattened, each repeated {@code repeats} times in place
     * ({@code torch.repeat_interleave(x, repeats)} without a dim).
     *
     * @param repeats copies of each element (&ge; 0)
     * @return a 1-D tensor of {@code repeats * size} elements
     */
    public Tensor repeatInterleave(int repeats) {
        return LayoutOps.repeatInterleave(this, repeats);
    }

    /**
     * Element i along {@code axis} repeated {@code repeats[i]} times in place
     * ({@code torch.repeat_interleave} with a tensor of repeats); a single count applies to all.
     *
     * @param repeats one count (&ge; 0) per element of the axis, or one count
     * @param axis    the axis to stretch
     * @return a tensor whose axis has {@code Σ repeats} elements
     */
    public Tensor repeatInterleave(int[] repeats, int axis) {
        return LayoutOps.repeatInterleave(this, repeats, axis);
    }

    /**
     * {@link #repeatInterleave(int[], int)} with the counts in a 0-d or 1-D tensor of
     * non-negative integers (read as numbers: the counts get no gradient).
     *
     * @param repeats the counts
     * @param axis    the axis to stretch
     * @return a tensor whose axis has {@code Σ repeats} elements
     */
    public Tensor repeatInterleave(Tensor repeats, int axis) {
        return LayoutOps.repeatInterleave(this, repeats, axis);
    }

    // ---------------------------------------------------------------- accessors

    /**
     * The shape (a copy).
     *
     * @return a new array of the dimensions
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * Number of axes.
     *
     * @return the rank, 0 for a scalar tensor
     */
    public int dim() {
        return shape.length;
    }

    /**
     * Number of elements.
     *
     * @return the product of the dimensions
     */
    public int size() {
        return length();
    }

    /**
     * The elements in row-major order (a copy).
     *
     * @return a new array of {@link #size()} numbers
     */
    public double[] toArray() {
        return data != null ? data.clone() : Kernels.widen(floats);
    }

    /**
     * The elements in row-major order as floats (a copy; a float64 tensor's numbers are
     * rounded to the nearest float).
     *
     * @return a new array of {@link #size()} floats
     */
    public float[] toFloatArray() {
        return floats != null ? floats.clone() : Kernels.narrow(data);
    }

    /**
     * The element type of this tensor's storage.
     *
     * @return {@link DType#F64} unless made float32
     */
    public DType dtype() {
        return floats != null ? DType.F32 : DType.F64;
    }

    /**
     * The element at a multi-index, e.g. {@code t.get(1, 2)} for row 1, column 2 (a read; it
     * records nothing). Negative indices are not accepted.
     *
     * @param index one position per axis, each in [0, length)
     * @return the element
     */
    public double get(int... index) {
        Objects.requireNonNull(index, "get: index is null");
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of shape "
                    + Arrays.toString(shape) + " (expected " + shape.length + ")");
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index) + " is out of range for shape "
                        + Arrays.toString(shape) + " (axis " + d + " takes 0 to " + (shape[d] - 1) + ")");
            }
            flat = flat * shape[d] + index[d];
        }
        return data != null ? data[flat] : floats[flat];
    }

    /**
     * The single element of a one-element tensor.
     *
     * @return the element
     */
    public double item() {
        if (length() != 1) {
            throw new IllegalStateException("item: tensor of shape " + Arrays.toString(shape) + " has "
                    + length() + " elements; item() needs exactly one");
        }
        return data != null ? data[0] : floats[0];
    }

    /**
     * True when backward passes compute a gradient for this tensor.
     *
     * @return whether a gradient is computed for this tensor
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * True for tensors not computed from recorded inputs.
     *
     * @return whether this tensor is a leaf
     */
    public boolean leaf() {
        return isLeaf();
    }

    /**
     * The operation that made this tensor ("leaf", "const", "add", "matmul", ...).
     *
     * @return the op name, never null
     */
    public String op() {
        return op;
    }

    /**
     * Changes this tensor's numbers in place: runs {@code writer} on the live storage, then
     * counts one write on the storage's version counter. This (with {@link #setData}) is the
     * one way to write into a tensor, as optimizers, initialisers and checkpoint loads do; the
     * array must not be kept after {@code writer} returns. Reading never counts as a write:
     * use {@link #toArray()}, {@link #get} or {@link #item()} for that.
     *
     * <p>Every tensor sharing the storage (views, {@link #detach()}) sees the write and its
     * new version, so a backward pass through a graph whose rules read the old numbers throws
     * instead of mixing old and new values (PyTorch's version counter). Refused for computed
     * tensors and for tensors sharing a computed tensor's storage (its {@code detach()}, or a
     * view of it made in a no-grad scope): the graph's rules reuse those numbers.
     *
     * <pre>{@code
     * w.update(theta -> theta[0] -= 0.1 * g[0]);
     * }</pre>
     *
     * @param writer changes the numbers, row-major, in place
     * @return this tensor
     */
    public Tensor update(java.util.function.Consumer<double[]> writer) {
        Objects.requireNonNull(writer, "update: writer is null");
        checkWritable("update");
        try {
            if (data != null) {
                writer.accept(data);
            } else {
                double[] wide = Kernels.widen(floats); // the writer works in doubles; stored rounded
                writer.accept(wide);
                Kernels.narrowInto(wide, floats);
            }
        } finally {
            bump(); // counted even if the writer threw halfway
        }
        return this;
    }

    /**
     * Replaces this tensor's numbers with a copy of {@code values} (row-major, one per element),
     * counting one write; the same rules as {@link #update}.
     *
     * @param values the new numbers, {@link #size()} of them
     * @return this tensor
     */
    public Tensor setData(double[] values) {
        Objects.requireNonNull(values, "setData: values is null");
        checkWritable("setData");
        if (values.length != length()) {
            throw new IllegalArgumentException("setData: " + values.length + " values for " + describe() + " with "
                    + length() + " elements");
        }
        if (data != null) {
            System.arraycopy(values, 0, data, 0, data.length);
        } else {
            Kernels.narrowInto(values, floats);
        }
        bump();
        return this;
    }

    // ---------------------------------------------------------------- float32 in-place write (optimizer steps)

    /**
     * As {@link #update}, for a float32 tensor: runs {@code writer} on the live {@code float[]}
     * storage itself, so nothing is widened, narrowed or allocated, then counts one write on
     * the storage's version counter (also when {@code writer} throws). Optimizer steps on
     * float32 parameters use it. The array must not be kept after {@code writer} returns.
     * Refused for float64 tensors (use {@link #update}), for computed tensors and for
     * tensors sharing a computed tensor's storage, as {@link #update} refuses them.
     *
     * <pre>{@code
     * w.updateFloats(theta -> theta[0] -= 0.1f * g[0]);
     * }</pre>
     *
     * @param writer changes the float32 numbers, row-major, in place
     * @return this tensor
     * @throws IllegalStateException when this tensor is float64, computed, or shares a computed tensor's storage
     */
    public Tensor updateFloats(java.util.function.Consumer<float[]> writer) {
        Objects.requireNonNull(writer, "updateFloats: writer is null");
        if (floats == null) {
            throw new IllegalStateException("updateFloats: " + describe() + " stores float64; updateFloats lends a "
                    + "float32 storage only, use update(double[] -> ...) for float64 tensors");
        }
        checkWritable("updateFloats");
        try {
            writer.accept(floats);
        } finally {
            bump(); // counted even if the writer threw halfway
        }
        return this;
    }

    private void checkWritable(String method) {
        if (!isLeaf()) {
            throw new IllegalStateException(method + ": " + describe() + " is computed by '" + op
                    + "'; only leaves can be changed in place");
        }
        if (computed) {
            throw new IllegalStateException(method + ": " + describe() + " shares the storage of a computed tensor "
                    + "(detached from it, or viewed in a no-grad scope); writing to it would silently change that "
                    + "result and the gradients computed from it. Copy it first: Tensor.constant(t.toArray(), t.shape())");
        }
    }

    @Override
    int reads() {
        return reads;
    }

    @Override
    int version() {
        Storage s = shared;
        return s == null ? ownVersion : s.version();
    }

    /** Counts one in-place write, on the shared counter once anything aliases this tensor. */
    private void bump() {
        Storage s = shared;
        if (s == null) {
            ownVersion++;
        } else {
            s.bump();
        }
    }

    @Override
    void release() {
        super.release();
        rule = null; // the closure holds the inputs' data, masks and saved results
        hooks = null;
    }

    @Override
    String opName() {
        return op;
    }

    @Override
    boolean isFinite() {
        if (floats != null) {
            for (float f : floats) {
                if (!Float.isFinite(f)) {
                    return false;
                }
            }
            return true;
        }
        for (double d : data) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    @Override
    String describe() {
        return "Tensor(shape " + Arrays.toString(shape) + (floats != null ? ", float32" : "")
                + (isLeaf() ? "" : ", op " + op) + ")";
    }

    /**
     * The numbers nested by axis as PyTorch prints them (summarised with {@code ...} beyond
     * 1000 elements), then the shape and either the op that computed the tensor or, for a leaf
     * that wants a gradient, {@code requiresGrad}:
     * <pre>
     * Tensor([[1.5000, 2.0000],
     *         [0.2500, 4.0000]], shape=[2, 2], requiresGrad)
     * </pre>
     *
     * @return the tensor as text
     */
    @Override
    public String toString() {
        return TensorFormat.format(doubles(), shape, dtype(), requiresGrad, isLeaf() ? null : op);
    }
}
