package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The branch-free relu kernels (Kernels' relu and reluBackward, AffineKernels' in-place
 * forward and the backward read from the output) equal the plain selects bit for bit, on arrays mixing
 * ordinary values with the awkward ones: ±0, ±infinity, NaN (both signs, with a payload), subnormals.
 * The selects are PyTorch's: relu keeps NaN ({@code z <= 0 ? 0 : z}) and its backward lets the
 * gradient through at NaN ({@code threshold_backward}: {@code z <= 0 ? 0 : g}). The float32
 * twins of Kernels' relu and reluBackward likewise, on floats.
 */
class ReluKernelsProperties {
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-310,
        // the NaN x86 makes for 0·∞ has the sign bit set; a payload must survive too
        Double.longBitsToDouble(0xfff8000000000000L), Double.longBitsToDouble(0x7ff8000000000123L)};

    @Property(tries = 50)
    void reluInPlaceEqualsTheSelect(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int size) {
        double[] z = values(new SplittableRandom(seed), size);
        double[] expected = new double[size];
        for (int i = 0; i < size; i++) {
            expected[i] = z[i] <= 0 ? 0 : z[i];
        }
        AffineKernels.reluInPlace(z);
        for (int i = 0; i < size; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(z[i]), "at " + i);
        }
    }

    @Property(tries = 50)
    void backwardFromTheOutputEqualsTheSelectOnThePreActivation(@ForAll long seed,
                                                                @ForAll @IntRange(min = 0, max = 300) int size) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] z = values(rng, size), g = values(rng, size);
        double[] y = z.clone();
        AffineKernels.reluInPlace(y);
        double[] got = AffineKernels.reluBackwardFromOutput(g, y);
        for (int i = 0; i < size; i++) {
            double expected = z[i] <= 0 ? 0 : g[i];
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got[i]),
                    "at " + i + ": z " + z[i] + ", g " + g[i]);
        }
    }

    @Property(tries = 50)
    void kernelsReluAndReluBackwardEqualTheSelects(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int size) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = values(rng, size), g = values(rng, size);
        double[] y = Kernels.relu(a), d = Kernels.reluBackward(g, a);
        for (int i = 0; i < size; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i] <= 0 ? 0 : a[i]), Double.doubleToRawLongBits(y[i]),
                    "relu at " + i + ": a " + a[i]);
            assertEquals(Double.doubleToRawLongBits(a[i] <= 0 ? 0 : g[i]), Double.doubleToRawLongBits(d[i]),
                    "reluBackward at " + i + ": a " + a[i] + ", g " + g[i]);
        }
    }

    @Property(tries = 50)
    void reluMaskIsOneExactlyWhereTheBackwardLetsTheGradientThrough(@ForAll long seed,
                                                                  @ForAll @IntRange(min = 0, max = 300) int size) {
        double[] a = values(new SplittableRandom(seed), size);
        double[] mask = Kernels.reluMask(a), y = Kernels.relu(a), ones = new double[size];
        java.util.Arrays.fill(ones, 1);
        double[] passed = Kernels.reluBackward(ones, a);
        for (int i = 0; i < size; i++) {
            assertEquals(passed[i], mask[i], "mask at " + i + ": a " + a[i]);
            // the graph path masks with the same array computed from the output (affineRelu)
            assertEquals(mask[i], Kernels.reluMask(new double[] {y[i]})[0], "mask from the output at " + i);
        }
    }

    @Property(tries = 50)
    void float32ReluAndReluBackwardEqualTheSelects(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int size) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = floats(rng, size), g = floats(rng, size);
        float[] y = Kernels.relu(a), d = Kernels.reluBackward(g, a);
        for (int i = 0; i < size; i++) {
            assertEquals(Float.floatToRawIntBits(a[i] <= 0 ? 0f : a[i]), Float.floatToRawIntBits(y[i]),
                    "relu at " + i + ": a " + a[i]);
            assertEquals(Float.floatToRawIntBits(a[i] <= 0 ? 0f : g[i]), Float.floatToRawIntBits(d[i]),
                    "reluBackward at " + i + ": a " + a[i] + ", g " + g[i]);
        }
    }

    private static final float[] SPECIAL_F = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-40f,
        Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0x7fc00123)};

    private static float[] floats(SplittableRandom rng, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = rng.nextInt(4) == 0 ? SPECIAL_F[rng.nextInt(SPECIAL_F.length)] : (float) rng.nextDouble(-3, 3);
        }
        return v;
    }

    private static double[] values(SplittableRandom rng, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rng.nextInt(4) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)] : rng.nextDouble(-3, 3);
        }
        return v;
    }
}
