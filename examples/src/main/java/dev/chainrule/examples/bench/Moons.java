package dev.chainrule.examples.bench;

import java.util.SplittableRandom;

/**
 * Two-moons data with the construction of {@code moons.py} (sklearn's {@code make_moons},
 * shuffled, Gaussian noise, labels -1/+1). The random draws come from Java's generator, so
 * the points differ from NumPy's, not their distribution; the timing does not depend on them.
 */
final class Moons {
    /** Row-major n×2 coordinates. */
    final double[] x;
    /** Labels -1 or +1. */
    final double[] y;
    final int n;

    Moons(int n, double noise, long seed) {
        this.n = n;
        SplittableRandom rng = new SplittableRandom(seed);
        int nOut = n / 2, nIn = n - nOut;
        double[] px = new double[n], py = new double[n];
        double[] label = new double[n];
        for (int i = 0; i < nOut; i++) {
            double t = nOut == 1 ? 0 : Math.PI * i / (nOut - 1);
            px[i] = Math.cos(t);
            py[i] = Math.sin(t);
            label[i] = -1;
        }
        for (int i = 0; i < nIn; i++) {
            double t = nIn == 1 ? 0 : Math.PI * i / (nIn - 1);
            px[nOut + i] = 1 - Math.cos(t);
            py[nOut + i] = 1 - Math.sin(t) - 0.5;
            label[nOut + i] = 1;
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        x = new double[2 * n];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = px[perm[i]] + noise * gaussian(rng);
            x[2 * i + 1] = py[perm[i]] + noise * gaussian(rng);
            y[i] = label[perm[i]];
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
