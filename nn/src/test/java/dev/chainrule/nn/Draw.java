package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.SplittableRandom;

/** Random test inputs from a seed, so a failing jqwik sample names everything it used. */
final class Draw {
    private final SplittableRandom rng;

    Draw(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** Uniform numbers in [lo, hi). */
    double[] uniform(int n, double lo, double hi) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return d;
    }

    /** A constant tensor of uniform numbers in [lo, hi). */
    Tensor tensor(double lo, double hi, int... shape) {
        return Tensor.constant(uniform(size(shape), lo, hi), shape);
    }

    /** A constant tensor of random signs −1 / +1. */
    Tensor signs(int... shape) {
        double[] d = new double[size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextBoolean() ? 1 : -1;
        }
        return Tensor.constant(d, shape);
    }

    /** {@code n} class labels in [0, classes). */
    int[] labels(int n, int classes) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = rng.nextInt(classes);
        }
        return l;
    }

    /** The generator itself, for code that draws on its own. */
    SplittableRandom rng() {
        return rng;
    }

    static int size(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
