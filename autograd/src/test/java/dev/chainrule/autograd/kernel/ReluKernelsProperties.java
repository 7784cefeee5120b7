package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The branch-free relu kernels (Kernels' relu and reluBackward, AffineKernels' in-place
 * forward and the backward read from the output) equal the plain selects bit for bit, on arrays mixing
 * ordinary values with the awkward ones: ±0, ±infinity, NaN, subnormals.
 */
class ReluKernelsProperties {
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-310};

    @Property(tries = 50)
    void reluInPlaceEqualsTheSelect(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int size) {
        double[] z = values(new SplittableRandom(seed), size);
        double[] expected = new double[size];
        for (int i = 0; i < size; i++) {
            expected[i] = z[i] > 0 ? z[i] : 0;
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
            double expected = z[i] > 0 ? g[i] : 0;
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
            assertEquals(Double.doubleToRawLongBits(a[i] > 0 ? a[i] : 0), Double.doubleToRawLongBits(y[i]),
                    "relu at " + i + ": a " + a[i]);
            assertEquals(Double.doubleToRawLongBits(a[i] > 0 ? g[i] : 0), Double.doubleToRawLongBits(d[i]),
                    "reluBackward at " + i + ": a " + a[i] + ", g " + g[i]);
        }
    }

    private static double[] values(SplittableRandom rng, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rng.nextInt(4) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)] : rng.nextDouble(-3, 3);
        }
        return v;
    }
}
