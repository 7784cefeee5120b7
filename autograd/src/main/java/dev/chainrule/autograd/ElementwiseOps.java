package dev.chainrule.autograd;

import static dev.chainrule.autograd.TestSpec.piecewise;
import static dev.chainrule.autograd.TestSpec.smooth;

import dev.chainrule.autograd.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;

/**
 * The op registry: every elementwise primitive declared once, its forward, its derivative as
 * a number {@code d(x, out)} and (for smooth ops) as a graph rule right below, its parameters
 * and its test spec. {@link Value} and {@link Tensor} methods are one-line delegations to
 * these rows, the expression language reads its function table from here
 * ({@link ElementwiseFunction}), and the generic tests iterate over {@link #UNARY} and
 * {@link #BINARY}. Rules receive the op's output ({@code y}) instead of recomputing it.
 *
 * <p>Subgradients and edge values follow PyTorch 1.13, each noted on its row. Arithmetic
 * ({@code add mul div pow neg}, the n-ary sum and dot) stays in {@link ScalarOp} and
 * {@link Elementwise}: those are the engines' structural hot paths, with dedicated kernels
 * and scalar nodes that keep their constant in place.
 */
final class ElementwiseOps {
    private static final double LN2 = Math.log(2);
    private static final double LN10 = Math.log(10);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double SQRT1_2 = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double GELU_K = Math.sqrt(2 / Math.PI);
    private static final double GELU_C = 0.044715;
    /** SELU's constants, as torch.nn.SELU. */
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;
    private static final List<String> NONE = List.of();
    /** Filled by the declaration helpers as the rows below initialize, in declaration order. */
    private static final List<UnaryOp> UNARY_ROWS = new ArrayList<>();
    private static final List<BinaryOp> BINARY_ROWS = new ArrayList<>();

    private ElementwiseOps() {
    }

    // ---------------------------------------------------------------- exponentials and logarithms

    static final UnaryOp EXP = unary("exp", (x, p) -> Math.exp(x), (x, y, p) -> y,
            ElementwiseOps::dExp, smooth(-3, 3));
    static <T extends Num<T>> T dExp(T g, T x, T y, double[] p) { return g.mul(y); }

    /** log(0) = -∞, negative input gives NaN (IEEE 754). */
    static final UnaryOp LOG = unary("log", (x, p) -> Math.log(x), (x, y, p) -> 1 / x,
            ElementwiseOps::dLog, smooth(0.2, 5));
    static <T extends Num<T>> T dLog(T g, T x, T y, double[] p) { return g.div(x); }

    static final UnaryOp LOG1P = unary("log1p", (x, p) -> Math.log1p(x), (x, y, p) -> 1 / (1 + x),
            ElementwiseOps::dLog1p, smooth(-0.8, 5));
    static <T extends Num<T>> T dLog1p(T g, T x, T y, double[] p) { return g.div(x.add(1)); }

    static final UnaryOp EXPM1 = unary("expm1", (x, p) -> Math.expm1(x), (x, y, p) -> y + 1,
            ElementwiseOps::dExpm1, smooth(-3, 3));
    static <T extends Num<T>> T dExpm1(T g, T x, T y, double[] p) { return g.mul(y.add(1)); }

    static final UnaryOp LOG2 = unary("log2", (x, p) -> Math.log(x) / LN2, (x, y, p) -> 1 / (x * LN2),
            ElementwiseOps::dLog2, smooth(0.2, 5));
    static <T extends Num<T>> T dLog2(T g, T x, T y, double[] p) { return g.div(x.mul(LN2)); }

    static final UnaryOp LOG10 = unary("log10", (x, p) -> Math.log10(x), (x, y, p) -> 1 / (x * LN10),
            ElementwiseOps::dLog10, smooth(0.2, 5));
    static <T extends Num<T>> T dLog10(T g, T x, T y, double[] p) { return g.div(x.mul(LN10)); }

    static final UnaryOp EXP2 = unary("exp2", (x, p) -> Math.pow(2, x), (x, y, p) -> y * LN2,
            ElementwiseOps::dExp2, smooth(-3, 3));
    static <T extends Num<T>> T dExp2(T g, T x, T y, double[] p) { return g.mul(y).mul(LN2); }

    // ---------------------------------------------------------------- powers

    /** Its derivative at 0 is infinite (as PyTorch). */
    static final UnaryOp SQRT = unary("sqrt", (x, p) -> Math.sqrt(x), (x, y, p) -> 0.5 / y,
            ElementwiseOps::dSqrt, smooth(0.2, 5));
    static <T extends Num<T>> T dSqrt(T g, T x, T y, double[] p) { return g.div(y).mul(0.5); }

    /** 1/sqrt(x); d = -y³/2. */
    static final UnaryOp RSQRT = unary("rsqrt", (x, p) -> 1 / Math.sqrt(x), (x, y, p) -> -0.5 * y * y * y,
            ElementwiseOps::dRsqrt, smooth(0.2, 5));
    static <T extends Num<T>> T dRsqrt(T g, T x, T y, double[] p) { return g.mul(y.mul(y).mul(y)).mul(-0.5); }

    static final UnaryOp SQUARE = unary("square", (x, p) -> x * x, (x, y, p) -> 2 * x,
            ElementwiseOps::dSquare, smooth(-3, 3));
    static <T extends Num<T>> T dSquare(T g, T x, T y, double[] p) { return g.mul(x).mul(2); }

    /** 1/x; d = -y². */
    static final UnaryOp RECIPROCAL = unary("reciprocal", (x, p) -> 1 / x, (x, y, p) -> -y * y,
            ElementwiseOps::dReciprocal, smooth(0.25, 3)); // near 0, 1/x³ swamps finite differences
    static <T extends Num<T>> T dReciprocal(T g, T x, T y, double[] p) { return g.mul(y.mul(y)).neg(); }

    // ---------------------------------------------------------------- trigonometric

    static final UnaryOp SIN = unary("sin", (x, p) -> Math.sin(x), (x, y, p) -> Math.cos(x),
            ElementwiseOps::dSin, smooth(-3, 3));
    static <T extends Num<T>> T dSin(T g, T x, T y, double[] p) { return g.mul(x.cos()); }

    static final UnaryOp COS = unary("cos", (x, p) -> Math.cos(x), (x, y, p) -> -Math.sin(x),
            ElementwiseOps::dCos, smooth(-3, 3));
    static <T extends Num<T>> T dCos(T g, T x, T y, double[] p) { return g.mul(x.sin()).neg(); }

    /** d = 1 + tan². */
    static final UnaryOp TAN = unary("tan", (x, p) -> Math.tan(x), (x, y, p) -> 1 + y * y,
            ElementwiseOps::dTan, smooth(-1.2, 1.2));
    static <T extends Num<T>> T dTan(T g, T x, T y, double[] p) { return g.mul(y.mul(y).add(1)); }

    static final UnaryOp ASIN = unary("asin", (x, p) -> Math.asin(x), (x, y, p) -> 1 / Math.sqrt(1 - x * x),
            ElementwiseOps::dAsin, smooth(-0.9, 0.9));
    static <T extends Num<T>> T dAsin(T g, T x, T y, double[] p) { return g.div(x.square().neg().add(1).sqrt()); }

    static final UnaryOp ACOS = unary("acos", (x, p) -> Math.acos(x), (x, y, p) -> -1 / Math.sqrt(1 - x * x),
            ElementwiseOps::dAcos, smooth(-0.9, 0.9));
    static <T extends Num<T>> T dAcos(T g, T x, T y, double[] p) { return g.div(x.square().neg().add(1).sqrt()).neg(); }

    static final UnaryOp ATAN = unary("atan", (x, p) -> Math.atan(x), (x, y, p) -> 1 / (1 + x * x),
            ElementwiseOps::dAtan, smooth(-3, 3));
    static <T extends Num<T>> T dAtan(T g, T x, T y, double[] p) { return g.div(x.square().add(1)); }

    // ---------------------------------------------------------------- hyperbolic

    static final UnaryOp SINH = unary("sinh", (x, p) -> Math.sinh(x), (x, y, p) -> Math.cosh(x),
            ElementwiseOps::dSinh, smooth(-3, 3));
    static <T extends Num<T>> T dSinh(T g, T x, T y, double[] p) { return g.mul(x.cosh()); }

    static final UnaryOp COSH = unary("cosh", (x, p) -> Math.cosh(x), (x, y, p) -> Math.sinh(x),
            ElementwiseOps::dCosh, smooth(-3, 3));
    static <T extends Num<T>> T dCosh(T g, T x, T y, double[] p) { return g.mul(x.sinh()); }

    /** d = 1 - tanh². */
    static final UnaryOp TANH = unary("tanh", (x, p) -> Math.tanh(x), (x, y, p) -> 1 - y * y,
            ElementwiseOps::dTanh, smooth(-3, 3));
    static <T extends Num<T>> T dTanh(T g, T x, T y, double[] p) { return g.mul(y.mul(y).neg().add(1)); }

    static final UnaryOp ASINH = unary("asinh", (x, p) -> SpecialFunctions.asinh(x),
            (x, y, p) -> 1 / Math.sqrt(x * x + 1), ElementwiseOps::dAsinh, smooth(-3, 3));
    static <T extends Num<T>> T dAsinh(T g, T x, T y, double[] p) { return g.div(x.square().add(1).sqrt()); }

    /** NaN below 1. */
    static final UnaryOp ACOSH = unary("acosh", (x, p) -> SpecialFunctions.acosh(x),
            (x, y, p) -> 1 / Math.sqrt(x * x - 1), ElementwiseOps::dAcosh, smooth(1.2, 5));
    static <T extends Num<T>> T dAcosh(T g, T x, T y, double[] p) { return g.div(x.square().sub(1).sqrt()); }

    /** ±∞ at ±1, NaN beyond. */
    static final UnaryOp ATANH = unary("atanh", (x, p) -> SpecialFunctions.atanh(x), (x, y, p) -> 1 / (1 - x * x),
            ElementwiseOps::dAtanh, smooth(-0.9, 0.9));
    static <T extends Num<T>> T dAtanh(T g, T x, T y, double[] p) { return g.div(x.square().neg().add(1)); }

    // ---------------------------------------------------------------- error function, GELU

    static final UnaryOp ERF = unary("erf", (x, p) -> SpecialFunctions.erf(x),
            (x, y, p) -> TWO_OVER_SQRT_PI * Math.exp(-x * x), ElementwiseOps::dErf, smooth(-3, 3));
    static <T extends Num<T>> T dErf(T g, T x, T y, double[] p) {
        return g.mul(x.square().neg().exp()).mul(TWO_OVER_SQRT_PI);
    }

    static final UnaryOp ERFC = unary("erfc", (x, p) -> SpecialFunctions.erfc(x),
            (x, y, p) -> -TWO_OVER_SQRT_PI * Math.exp(-x * x), ElementwiseOps::dErfc, smooth(-3, 3));
    static <T extends Num<T>> T dErfc(T g, T x, T y, double[] p) {
        return g.mul(x.square().neg().exp()).mul(-TWO_OVER_SQRT_PI);
    }

    /** x·Φ(x) with the exact normal CDF (PyTorch's approximate='none'), computed through erfc so large negative x keep their digits. */
    static final UnaryOp GELU = unary("gelu", (x, p) -> 0.5 * x * SpecialFunctions.erfc(-x * SQRT1_2),
            (x, y, p) -> 0.5 * SpecialFunctions.erfc(-x * SQRT1_2) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
            ElementwiseOps::dGelu, smooth(-4, 4));
    static <T extends Num<T>> T dGelu(T g, T x, T y, double[] p) {
        T cdf = x.mul(SQRT1_2).erf().add(1).mul(0.5);
        return g.mul(cdf.add(x.mul(x.square().mul(-0.5).exp()).mul(INV_SQRT_2PI)));
    }

    /** PyTorch's approximate='tanh': x/2 · (1 + tanh(√(2/π)(x + 0.044715x³))). */
    static final UnaryOp GELU_TANH = unary("geluTanh", (x, p) -> 0.5 * x * (1 + Math.tanh(geluInner(x))),
            (x, y, p) -> {
                double t = Math.tanh(geluInner(x));
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_K * (1 + 3 * GELU_C * x * x);
            }, ElementwiseOps::dGeluTanh, smooth(-4, 4));
    static <T extends Num<T>> T dGeluTanh(T g, T x, T y, double[] p) {
        T t = x.add(x.mul(x).mul(x).mul(GELU_C)).mul(GELU_K).tanh();
        T inner = x.square().mul(3 * GELU_C).add(1).mul(GELU_K);
        return g.mul(t.add(1).mul(0.5).add(x.mul(t.mul(t).neg().add(1)).mul(inner).mul(0.5)));
    }

    private static double geluInner(double x) {
        return GELU_K * (x + GELU_C * x * x * x);
    }

    // ---------------------------------------------------------------- sigmoid family

    /** Computed as 1/(1+e^-x) or e^x/(1+e^x) by sign, so neither branch overflows; d = y(1 - y). */
    static final UnaryOp SIGMOID = unary("sigmoid", (x, p) -> ScalarOp.sigmoid(x), (x, y, p) -> y * (1 - y),
            ElementwiseOps::dSigmoid, smooth(-4, 4));
    static <T extends Num<T>> T dSigmoid(T g, T x, T y, double[] p) { return g.mul(y.mul(y.neg().add(1))); }

    /** log σ(x) = min(x, 0) - log1p(e^-|x|) (no overflow); d = σ(-x). */
    static final UnaryOp LOG_SIGMOID = unary("logSigmoid",
            (x, p) -> Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x))), (x, y, p) -> ScalarOp.sigmoid(-x),
            ElementwiseOps::dLogSigmoid, smooth(-4, 4));
    static <T extends Num<T>> T dLogSigmoid(T g, T x, T y, double[] p) { return g.mul(x.neg().sigmoid()); }

    /** log(x/(1 - x)), the inverse of sigmoid; NaN outside [0, 1] (torch.logit without eps); d = 1/(x(1 - x)). */
    static final UnaryOp LOGIT = unary("logit", (x, p) -> Math.log(x / (1 - x)), (x, y, p) -> 1 / (x * (1 - x)),
            ElementwiseOps::dLogit, smooth(0.1, 0.9));
    static <T extends Num<T>> T dLogit(T g, T x, T y, double[] p) { return g.div(x.mul(x.neg().add(1))); }

    /** x·σ(x); d = σ(x)(1 + x(1 - σ(x))). */
    static final UnaryOp SILU = unary("silu", (x, p) -> x * ScalarOp.sigmoid(x),
            (x, y, p) -> {
                double s = ScalarOp.sigmoid(x);
                return s * (1 + x * (1 - s));
            }, ElementwiseOps::dSilu, smooth(-4, 4));
    static <T extends Num<T>> T dSilu(T g, T x, T y, double[] p) {
        T s = x.sigmoid();
        return g.mul(s.mul(x.mul(s.neg().add(1)).add(1)));
    }

    /**
     * log(1 + e^(βx))/β, and x itself where βx &gt; threshold (PyTorch's softplus; the
     * derivative there is 1, else σ(βx)). Computed as (max(βx, 0) + log1p(e^-|βx|))/β, so an
     * infinite threshold gives the exact function for every x.
     */
    static final UnaryOp SOFTPLUS = unary("softplus", List.of("beta", "threshold"),
            p -> {
                if (!(p[0] > 0) || p[0] == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("softplus: beta " + p[0] + " must be positive and finite");
                }
            },
            (x, p) -> {
                double bx = p[0] * x;
                return bx > p[1] ? x : (Math.max(bx, 0) + Math.log1p(Math.exp(-Math.abs(bx)))) / p[0];
            },
            (x, y, p) -> p[0] * x > p[1] ? 1 : ScalarOp.sigmoid(p[0] * x),
            ElementwiseOps::dSoftplus,
            smooth(-4, 4).kinks(2, 3, 20).params(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {2, 4},
                    new double[] {0.5, 1.5}).refuses(new double[] {0, 20}, new double[] {-1, 20}))
            .withDefaults(1, Double.POSITIVE_INFINITY);
    static <T extends Num<T>> T dSoftplus(T g, T x, T y, double[] p) {
        T below = x.mul(-p[0]).add(p[1]).step(); // 1 where βx <= threshold
        return g.mul(below.mul(x.mul(p[0]).sigmoid()).add(below.neg().add(1)));
    }

    /** x·tanh(softplus(x)); d = t + x·σ(x)(1 - t²) with t = tanh(softplus(x)). */
    static final UnaryOp MISH = unary("mish", (x, p) -> x * Math.tanh(softplus(x)),
            (x, y, p) -> {
                double t = Math.tanh(softplus(x));
                return t + x * ScalarOp.sigmoid(x) * (1 - t * t);
            }, ElementwiseOps::dMish, smooth(-4, 4));
    static <T extends Num<T>> T dMish(T g, T x, T y, double[] p) {
        T t = x.softplus().tanh();
        return g.mul(t.add(x.mul(x.sigmoid()).mul(t.mul(t).neg().add(1))));
    }

    /** x / (1 + |x|); d = 1/(1 + |x|)². */
    static final UnaryOp SOFTSIGN = unary("softsign", (x, p) -> x / (1 + Math.abs(x)),
            (x, y, p) -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))), ElementwiseOps::dSoftsign,
            smooth(-4, 4).kinks(0));
    static <T extends Num<T>> T dSoftsign(T g, T x, T y, double[] p) { return g.div(x.abs().add(1).square()); }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    // ---------------------------------------------------------------- exponential linear units

    /** x for x &gt; 0, else α(e^x - 1); d = 1, or α·e^x = y + α for x &le; 0 (α at 0, 1 at NaN, as PyTorch). */
    static final UnaryOp ELU = unary("elu", List.of("alpha"), p -> { },
            (x, p) -> x > 0 ? x : p[0] * Math.expm1(x), (x, y, p) -> x <= 0 ? p[0] * Math.exp(x) : 1,
            ElementwiseOps::dElu, smooth(-3, 3).kinks(0).params(new double[] {1}, new double[] {0.5}));
    static <T extends Num<T>> T dElu(T g, T x, T y, double[] p) {
        return g.mul(negativeMask(x).mul(negativeExp(x).mul(p[0])).add(negativeMask(x).neg().add(1)));
    }

    /** x for x &gt; 0, else α(e^(x/α) - 1); α = 0 is refused (PyTorch's ZeroDivisionError). */
    static final UnaryOp CELU = unary("celu", List.of("alpha"),
            p -> {
                if (p[0] == 0 || Double.isInfinite(p[0])) {
                    throw new IllegalArgumentException("celu: alpha " + p[0] + " must be finite and non-zero");
                }
            },
            (x, p) -> x > 0 ? x : p[0] * Math.expm1(x / p[0]), (x, y, p) -> x <= 0 ? Math.exp(x / p[0]) : 1,
            ElementwiseOps::dCelu,
            smooth(-3, 3).kinks(0).params(new double[] {1}, new double[] {0.5}, new double[] {2})
                    .refuses(new double[] {0}));
    static <T extends Num<T>> T dCelu(T g, T x, T y, double[] p) {
        T m = negativeMask(x);
        return g.mul(m.mul(x.mul(m).div(p[0]).exp()).add(m.neg().add(1)));
    }

    /** scale·elu(x, α) with PyTorch's constants. */
    static final UnaryOp SELU = unary("selu", (x, p) -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
            (x, y, p) -> x <= 0 ? SELU_SCALE * SELU_ALPHA * Math.exp(x) : SELU_SCALE,
            ElementwiseOps::dSelu, smooth(-3, 3).kinks(0));
    static <T extends Num<T>> T dSelu(T g, T x, T y, double[] p) {
        T m = negativeMask(x);
        return g.mul(m.mul(negativeExp(x).mul(SELU_SCALE * SELU_ALPHA)).add(m.neg().add(1).mul(SELU_SCALE)));
    }

    /** 1 where x &lt;= 0, else 0 (a constant: its derivative is 0). */
    private static <T extends Num<T>> T negativeMask(T x) {
        return x.neg().step();
    }

    /**
     * e^x where x &lt;= 0 and 1 elsewhere: e^(x·mask), so the masked-out side never
     * overflows into 0·∞, and the branch x &lt;= 0 keeps its digits (no y + α cancellation).
     */
    private static <T extends Num<T>> T negativeExp(T x) {
        return x.mul(negativeMask(x)).exp();
    }

    // ---------------------------------------------------------------- piecewise linear

    /** |x|; d = sign(x), 0 at 0 (PyTorch's subgradient). */
    static final UnaryOp ABS = unary("abs", (x, p) -> Math.abs(x), (x, y, p) -> Math.signum(x), null,
            piecewise(-3, 3, 0));

    /**
     * max(x, 0), NaN kept (as PyTorch); d = 0 for x &le; 0, else 1 (0 at 0, 1 at NaN, as threshold_backward).
     * Tensors take the branch-free kernels (a sign-random input mispredicts a branch half the time).
     */
    static final UnaryOp RELU = unary("relu", (x, p) -> x <= 0 ? 0 : x, (x, y, p) -> x <= 0 ? 0 : 1, null,
            piecewise(-3, 3, 0)).withKernels(Kernels::relu, Kernels::reluBackward, Kernels::relu,
            Kernels::reluBackward);

    /** x for x &gt; 0, else slope·x; d = slope for x &le; 0 (PyTorch takes the slope at 0) and at NaN. */
    static final UnaryOp LEAKY_RELU = unary("leakyRelu", List.of("slope"),
            p -> {
                if (!Double.isFinite(p[0])) {
                    throw new IllegalArgumentException("leakyRelu: slope " + p[0] + " is not a finite number");
                }
            },
            (x, p) -> x > 0 ? x : p[0] * x, (x, y, p) -> x > 0 ? 1 : p[0], null,
            piecewise(-3, 3, 0).params(new double[] {0.01}, new double[] {0.3})
                    .refuses(new double[] {Double.POSITIVE_INFINITY}));

    /** min(max(x, 0), 6); d = 1 strictly inside (0, 6), 0 at and beyond the bounds (PyTorch's hardtanh_backward). */
    static final UnaryOp RELU6 = unary("relu6", (x, p) -> x < 0 ? 0 : x > 6 ? 6 : x,
            (x, y, p) -> x <= 0 || x >= 6 ? 0 : 1, null, piecewise(-2, 8, 0, 6));

    /** x limited to [min, max]; d = 1 strictly inside, 0 at the bounds and beyond (as PyTorch; clamp passes at the bounds). */
    static final UnaryOp HARDTANH = unary("hardtanh", List.of("min", "max"),
            p -> {
                if (p[0] > p[1]) {
                    throw new IllegalArgumentException("hardtanh: min " + p[0] + " is greater than max " + p[1]);
                }
            },
            (x, p) -> x < p[0] ? p[0] : x > p[1] ? p[1] : x, (x, y, p) -> x <= p[0] || x >= p[1] ? 0 : 1, null,
            piecewise(-3, 3, -1, 1, -0.5, 2).params(new double[] {-1, 1}, new double[] {-0.5, 2})
                    .refuses(new double[] {1, -1}));

    /**
     * x limited to [min, max] (either may be infinite); d = 1 where min &le; x &le; max, bounds
     * included, as PyTorch's clamp; NaN passes with gradient 0 (clamp_backward).
     */
    static final UnaryOp CLAMP = register(new UnaryOp("clamp", List.of("min", "max"),
            (x, p) -> x < p[0] ? p[0] : x > p[1] ? p[1] : x, (x, y, p) -> x >= p[0] && x <= p[1] ? 1 : 0, null,
            p -> {
                if (p[0] > p[1]) {
                    throw new IllegalArgumentException("clamp: bounds [" + p[0] + ", " + p[1]
                            + "] are not an interval (expected min <= max, neither NaN; use ±Infinity for no bound)");
                }
            }, false, // Value has no clamp
            piecewise(-3, 3, -1, 1).params(new double[] {-1, 1}, new double[] {Double.NEGATIVE_INFINITY, 1})
                    .refuses(new double[] {1, -1})));

    /** relu6(x + 3)/6; d = 1/6 strictly inside (-3, 3), else 0 (as PyTorch). */
    static final UnaryOp HARDSIGMOID = unary("hardsigmoid", (x, p) -> x <= -3 ? 0 : x >= 3 ? 1 : x / 6 + 0.5,
            (x, y, p) -> x > -3 && x < 3 ? 1.0 / 6 : 0, null, piecewise(-5, 5, -3, 3));

    /** x·relu6(x + 3)/6; d = 0 below -3, x/3 + 1/2 on [-3, 3), 1 from 3 on (PyTorch 1.13's hardswish_backward). */
    static final UnaryOp HARDSWISH = unary("hardswish", (x, p) -> x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6,
            (x, y, p) -> x < -3 ? 0 : x < 3 ? x / 3 + 0.5 : 1, ElementwiseOps::dHardswish,
            smooth(-5, 5).kinks(-3, 3));
    static <T extends Num<T>> T dHardswish(T g, T x, T y, double[] p) {
        T above = x.sub(3).step(); // x >= 3
        T inside = x.add(3).step().sub(above); // -3 <= x < 3
        return g.mul(inside.mul(x.div(3).add(0.5)).add(above));
    }

    // ---------------------------------------------------------------- piecewise constant

    /** Heaviside: 1 for x &ge; 0, else 0; d = 0 everywhere. */
    static final UnaryOp STEP = unary("step", (x, p) -> x >= 0 ? 1 : 0, (x, y, p) -> 0, null, piecewise(-3, 3, 0));

    /** -1, 0 or 1 (NaN stays NaN); d = 0. */
    static final UnaryOp SIGN = unary("sign", (x, p) -> Math.signum(x), (x, y, p) -> 0, null, piecewise(-3, 3, 0));

    static final UnaryOp FLOOR = unary("floor", (x, p) -> Math.floor(x), (x, y, p) -> 0, null,
            piecewise(-3, 3, -3, -2, -1, 0, 1, 2, 3));

    static final UnaryOp CEIL = unary("ceil", (x, p) -> Math.ceil(x), (x, y, p) -> 0, null,
            piecewise(-3, 3, -3, -2, -1, 0, 1, 2, 3));

    /** To the nearest integer, halves to even (as torch.round); d = 0. */
    static final UnaryOp ROUND = unary("round", (x, p) -> Math.rint(x), (x, y, p) -> 0, null,
            piecewise(-3, 3, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5));

    /** Towards zero; d = 0. */
    static final UnaryOp TRUNC = unary("trunc", (x, p) -> x < 0 ? Math.ceil(x) : Math.floor(x), (x, y, p) -> 0, null,
            piecewise(-3, 3, -3, -2, -1, 0, 1, 2, 3));

    // ---------------------------------------------------------------- binary

    /** The angle of (b, a) in (-π, π]; d/da = b/(a² + b²), d/db = -a/(a² + b²). */
    static final BinaryOp ATAN2 = binary("atan2", Math::atan2,
            (i, a, b) -> (i == 0 ? b : -a) / (a * a + b * b), ElementwiseOps::dAtan2,
            smooth(-3, 3).kinks(0));
    static <T extends Num<T>> T dAtan2(int i, T g, T a, T b, T out) {
        T r2 = a.square().add(b.square());
        return i == 0 ? g.mul(b).div(r2) : g.mul(a).div(r2).neg();
    }

    /**
     * The larger of a and b; a tie splits the gradient evenly; NaN propagates and gives both
     * operands the whole gradient (torch.maximum's where(a == b, g/2, g).masked_fill_(a &lt; b, 0)).
     */
    static final BinaryOp MAXIMUM = binary("maximum", Math::max,
            (i, a, b) -> i == 0 ? pick(a, b) : pick(b, a), null, piecewise(-3, 3, 0));

    /** The smaller of a and b; ties and NaN as {@link #MAXIMUM}. */
    static final BinaryOp MINIMUM = binary("minimum", Math::min,
            (i, a, b) -> i == 0 ? pick(b, a) : pick(a, b), null, piecewise(-3, 3, 0));

    /** 0 when {@code mine} loses, 1/2 on a tie, else 1 (both 1 with a NaN on either side). */
    private static double pick(double mine, double other) {
        return mine < other ? 0 : mine == other ? 0.5 : 1;
    }

    // ---------------------------------------------------------------- the table

    /** Every unary primitive, in declaration order (a row registers itself: declaring it is all). */
    static final List<UnaryOp> UNARY = List.copyOf(UNARY_ROWS);

    /** Every binary primitive. */
    static final List<BinaryOp> BINARY = List.copyOf(BINARY_ROWS);

    /**
     * Elementwise methods outside the unary and binary tables: {@code lerp}, the one ternary
     * op ({@link Lerp}); its own tests check it (LerpProperties, TorchLerpReferenceTest).
     */
    static final List<String> TERNARY = List.of("lerp");

    // ---------------------------------------------------------------- declaration helpers

    private static UnaryOp unary(String name, UnaryOp.Forward f, UnaryOp.Derivative d, UnaryOp.Rule rule,
                                 TestSpec spec) {
        return register(new UnaryOp(name, NONE, f, d, rule, p -> { }, true, spec));
    }

    private static UnaryOp unary(String name, List<String> params, UnaryOp.ParamCheck check, UnaryOp.Forward f,
                                 UnaryOp.Derivative d, UnaryOp.Rule rule, TestSpec spec) {
        return register(new UnaryOp(name, params, f, d, rule, check, true, spec));
    }

    private static UnaryOp register(UnaryOp op) {
        UNARY_ROWS.add(op);
        return op;
    }

    private static BinaryOp binary(String name, BinaryOp.Forward f, BinaryOp.Partial d, BinaryOp.Rule rule,
                                   TestSpec spec) {
        BinaryOp op = new BinaryOp(name, f, d, rule, true, spec);
        BINARY_ROWS.add(op);
        return op;
    }
}
