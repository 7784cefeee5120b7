package dev.chainrule.autograd.kernel;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Allocation-free loops over raw arrays. Only the kernel package touches raw storage and
 * EJML; the graph code calls these with arrays it owns.
 *
 * <p>The arithmetic the graph runs most (same-shape add, sub, mul, div, scaling, relu) has a
 * dedicated loop each so the JIT can vectorise it; everything else goes through
 * {@link #map}/{@link #zip} with a primitive functional interface (no boxing).
 */
public final class Kernels {
    private Kernels() {
    }

    /**
     * {@code acc[i] += x[i]}.
     *
     * @param acc the accumulator, added to in place
     * @param x   the numbers to add, at least as long as {@code acc}; not changed
     */
    public static void addInPlace(double[] acc, double[] x) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += x[i];
        }
    }

    /**
     * A new array {@code a[i] + b[i]} (same lengths).
     *
     * @param a the left operand
     * @param b the right operand, as long as {@code a}
     * @return a new array of the same length
     */
    public static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    /**
     * A new array {@code a[i] - b[i]} (same lengths).
     *
     * @param a the minuend
     * @param b the subtrahend, as long as {@code a}
     * @return a new array of the same length
     */
    public static double[] sub(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /**
     * A new array {@code a[i] * b[i]} (same lengths).
     *
     * @param a the left factor
     * @param b the right factor, as long as {@code a}
     * @return a new array of the same length
     */
    public static double[] mul(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    /**
     * A new array {@code a[i] / b[i]} (same lengths).
     *
     * @param a the dividends
     * @param b the divisors, as long as {@code a} (a zero gives ±∞ or NaN, as IEEE division)
     * @return a new array of the same length
     */
    public static double[] div(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    /**
     * A new array {@code a[i] + c}.
     *
     * @param a the numbers
     * @param c the constant added to each
     * @return a new array of a's length
     */
    public static double[] addScalar(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + c;
        }
        return out;
    }

    /**
     * A new array {@code a[i] * c}.
     *
     * @param a the numbers
     * @param c the constant each is multiplied by
     * @return a new array of a's length
     */
    public static double[] mulScalar(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] * c;
        }
        return out;
    }

    /**
     * A new array {@code a[i] / c} (a true division, not a multiplication by 1/c).
     *
     * @param a the dividends
     * @param c the divisor of every element
     * @return a new array of a's length
     */
    public static double[] divScalar(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] / c;
        }
        return out;
    }

    /**
     * A new array {@code f(a[i])}.
     *
     * @param a the numbers; not changed
     * @param f the function applied to each element
     * @return a new array of a's length
     */
    public static double[] map(double[] a, DoubleUnaryOperator f) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(a[i]);
        }
        return out;
    }

    /**
     * A new array {@code f(a[i], b[i])} (same lengths).
     *
     * @param a the first arguments
     * @param b the second arguments, as long as {@code a}
     * @param f the function applied to each pair
     * @return a new array of the same length
     */
    public static double[] zip(double[] a, double[] b, DoubleBinaryOperator f) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(a[i], b[i]);
        }
        return out;
    }

    /**
     * A new array {@code a[i] <= 0 ? 0 : a[i]}: relu, with NaN kept (as PyTorch; -0 gives +0,
     * as the scalar engine's relu). The select is a bit mask from the comparison: written as
     * {@code ?:} on doubles the JIT keeps a branch that mispredicts on about half of
     * random-signed inputs (measured ~4× slower on a 64×128 tensor). The test is
     * {@code !(v <= 0)} rather than {@code v > 0} so that NaN, which compares false either
     * way, keeps its bits.
     *
     * @param a the pre-activations; not changed
     * @return a new array of a's length
     */
    public static double[] relu(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            double v = a[i];
            out[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(v) & (v <= 0 ? 0L : -1L));
        }
        return out;
    }

    /**
     * A new array {@code a[i] <= 0 ? 0 : g[i]}: relu's backward in one pass, for first-order
     * gradients. At NaN the gradient passes, as PyTorch's {@code threshold_backward}.
     *
     * @param g the gradient arriving at relu's output
     * @param a relu's input (not its output), as long as {@code g}
     * @return the gradient at relu's input, a new array of the same length
     */
    public static double[] reluBackward(double[] g, double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            // a bit mask, not a branch (see relu); g[i] itself unless a[i] <= 0, +0 there
            out[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & (a[i] <= 0 ? 0L : -1L));
        }
        return out;
    }

    /**
     * {@link #relu(double[])} in float32: the same bit-mask select on the float's bits, so NaN
     * keeps its bits and -0 gives +0.
     *
     * @param a the float32 pre-activations; not changed
     * @return a new float32 array of a's length
     */
    public static float[] relu(float[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            float v = a[i];
            out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(v) & (v <= 0 ? 0 : -1));
        }
        return out;
    }

    /**
     * {@link #reluBackward(double[], double[])} in float32: {@code a[i] <= 0 ? 0 : g[i]}, +0
     * where the derivative is 0 (even for an infinite or NaN g), g's own bits elsewhere.
     *
     * @param g the float32 gradient arriving at relu's output
     * @param a relu's float32 input (not its output), as long as {@code g}
     * @return the gradient at relu's input, a new float32 array of the same length
     */
    public static float[] reluBackward(float[] g, float[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & (a[i] <= 0 ? 0 : -1));
        }
        return out;
    }

    /**
     * A new array {@code a[i] <= 0 ? 0 : 1}: relu's derivative mask (1 at NaN, as {@link #reluBackward}).
     *
     * @param a relu's input
     * @return a new array of a's length holding 0 or 1
     */
    public static double[] reluMask(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] <= 0 ? 0 : 1;
        }
        return out;
    }

    /**
     * {@code acc[i] += x[i]} in float32 (a float32 leaf's gradient accumulating).
     *
     * @param acc the float32 accumulator, added to in place
     * @param x   the numbers to add, at least as long as {@code acc}; not changed
     */
    public static void addInPlace(float[] acc, float[] x) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += x[i];
        }
    }

    /**
     * The floats as doubles (exact), in a new array.
     *
     * @param x the float32 numbers
     * @return a new float64 array of x's length
     */
    public static double[] widen(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }

    /**
     * The doubles rounded to the nearest float, in a new array.
     *
     * @param x the float64 numbers
     * @return a new float32 array of x's length
     */
    public static float[] narrow(double[] x) {
        float[] out = new float[x.length];
        narrowInto(x, out);
        return out;
    }

    /**
     * The doubles rounded to the nearest float, into {@code out} (same length).
     *
     * @param x   the float64 numbers
     * @param out receives the rounded numbers; as long as {@code x}
     */
    public static void narrowInto(double[] x, float[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
    }

    /**
     * A new float32 array {@code (float) (a[i] + c)}: computed in double, rounded once.
     *
     * @param a the float32 numbers
     * @param c the constant added to each
     * @return a new float32 array of a's length
     */
    public static float[] addScalar(float[] a, double c) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a[i] + c);
        }
        return out;
    }

    /**
     * A new float32 array {@code (float) (a[i] * c)}.
     *
     * @param a the float32 numbers
     * @param c the constant each is multiplied by
     * @return a new float32 array of a's length
     */
    public static float[] mulScalar(float[] a, double c) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a[i] * c);
        }
        return out;
    }

    /**
     * A new float32 array {@code (float) (a[i] / c)}.
     *
     * @param a the float32 dividends
     * @param c the divisor of every element
     * @return a new float32 array of a's length
     */
    public static float[] divScalar(float[] a, double c) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a[i] / c);
        }
        return out;
    }

    /**
     * A new float32 array {@code (float) f(a[i])}: f runs in double.
     *
     * @param a the float32 numbers; not changed
     * @param f the function applied to each element, widened to double
     * @return a new float32 array of a's length
     */
    public static float[] map(float[] a, DoubleUnaryOperator f) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.applyAsDouble(a[i]);
        }
        return out;
    }

    /**
     * The sum, left to right.
     *
     * @param a the numbers (empty gives 0)
     * @return their sum
     */
    public static double sum(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s;
    }

    /**
     * The float64 sum of float32 numbers.
     *
     * @param a the float32 numbers (empty gives 0)
     * @return their sum, accumulated in float64
     */
    public static double sum(float[] a) {
        double s = 0;
        for (float x : a) {
            s += x;
        }
        return s;
    }
}
