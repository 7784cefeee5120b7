package dev.chainrule.nn.monitor;

/**
 * The monitor's loops over copied weights, gradients and activations. Sums use four
 * accumulators: one running sum is a chain of dependent additions that the CPU cannot
 * overlap, and that chain was most of the monitor's cost.
 */
final class Sums {
    private Sums() {
    }

    /** Σ a_i. */
    static double sum(double[] a) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ a_i². */
    static double sumOfSquares(double[] a) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * a[i];
            s1 += a[i + 1] * a[i + 1];
            s2 += a[i + 2] * a[i + 2];
            s3 += a[i + 3] * a[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ (a_i − b_i)², for arrays of one length. */
    static double sumOfSquaredDifferences(double[] a, double[] b) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            double d0 = a[i] - b[i], d1 = a[i + 1] - b[i + 1], d2 = a[i + 2] - b[i + 2], d3 = a[i + 3] - b[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < a.length; i++) {
            double d = a[i] - b[i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** How many a_i lie below {@code low} or above {@code high}. */
    static int countOutside(double[] a, double low, double high) {
        int n = 0;
        for (double v : a) {
            n += v < low || v > high ? 1 : 0;
        }
        return n;
    }

    /** Of the columns of a row-major [rows, units] array, how many are never above 0. */
    static int deadColumns(double[] a, int units) {
        boolean[] alive = new boolean[units];
        for (int row = 0; row < a.length; row += units) {
            for (int j = 0; j < units; j++) {
                alive[j] |= a[row + j] > 0;
            }
        }
        int dead = 0;
        for (boolean b : alive) {
            dead += b ? 0 : 1;
        }
        return dead;
    }
}
