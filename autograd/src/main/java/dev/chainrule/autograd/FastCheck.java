package dev.chainrule.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * Fast mode, as PyTorch's {@code fast_gradcheck}: instead of one finite difference per input,
 * compare the directional derivative {@code g · d} with the numeric derivative of
 * {@code t -> f(x + t d)} along one random-sign direction {@code d}. The comparison is linear in
 * {@code d}, so when it fails, the error lies in the inputs of one half of {@code d} or the
 * other: check both halves, keep the failing ones, and stop at single inputs — O(log n)
 * directional checks per bad input instead of n finite differences.
 *
 * <p>Each input's share of the direction is scaled by {@code max(1, |x_i|)}, and the line step is
 * chosen so that no input moves further than its own per-input step.
 *
 * <p>The relative tolerance is taken of {@code max(|numeric|, sqrt(Σ (g_i d_i)²))}: the second is
 * the typical size of {@code g · d} over the random signs (its standard deviation), and
 * {@code g · d} can cancel far below it. The numeric derivative's own error (truncation and
 * rounding, summed over every input with the same random signs) does not cancel with it, so a
 * tolerance relative to a cancelled {@code |numeric|} alone failed right gradients now and then
 * (0.0027 where 1.5 was typical, off by 1.8e-10 against a tolerance of 1.3e-10).
 */
final class FastCheck {
    /** Fixed, so a failing fast check reproduces exactly. */
    private static final long DIRECTION_SEED = 0xFA57_C4ECL;
    /** Enough named inputs to see a pattern; a function wrong everywhere need not be bisected n times. */
    private static final int MAX_NAMED = 16;

    private FastCheck() {
    }

    static List<GradCheck.Entry> compare(GradCheck c, ToDoubleFunction<double[]> f, double[] analytic, double[] x,
                                         IntFunction<String> label) {
        int n = x.length;
        List<GradCheck.Entry> entries = new ArrayList<>();
        if (n == 0) {
            return entries;
        }
        // random signs, not a Gaussian: every input gets the same share of the direction, so an
        // error in one input cannot hide behind a small component (a Gaussian direction missed a
        // planted 1e-3 error in 1 of 2665 inputs whose share was 1e-5 of the average)
        Random signs = new Random(DIRECTION_SEED);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = signs.nextBoolean() ? 1 : -1;
        }
        double norm = Math.sqrt(GradCheck.dotProduct(v, v));
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
            d[i] = v[i] * Math.max(1, Math.abs(x[i]));
        }
        Line line = new Line(c, f, analytic, x, d, v);
        GradCheck.Entry all = line.check(0, n, "direction over all " + n + " inputs");
        entries.add(all);
        if (all.ok()) {
            return entries;
        }
        Deque<int[]> failing = new ArrayDeque<>();
        failing.push(new int[] {0, n});
        int named = 0;
        while (!failing.isEmpty() && named < MAX_NAMED) {
            int[] block = failing.pop();
            int lo = block[0], hi = block[1];
            if (hi - lo == 1) {
                entries.add(c.entry(label.apply(lo), lo, analytic[lo], c.numericDiff().partial(f, x, lo)));
                named++;
                continue;
            }
            int mid = (lo + hi) >>> 1;
            // pushed right first, so the left half is narrowed first and inputs come out in order
            if (!line.check(mid, hi, "").ok()) {
                failing.push(new int[] {mid, hi});
            }
            if (!line.check(lo, mid, "").ok()) {
                failing.push(new int[] {lo, mid});
            }
        }
        return entries;
    }

    /** Directional comparisons along {@code d} restricted to a block of inputs. */
    private static final class Line {
        private final GradCheck c;
        private final ToDoubleFunction<double[]> f;
        private final double[] analytic;
        private final double[] x;
        private final double[] d;
        private final double[] v;
        private final double[] p;

        Line(GradCheck c, ToDoubleFunction<double[]> f, double[] analytic, double[] x, double[] d, double[] v) {
            this.c = c;
            this.f = f;
            this.analytic = analytic;
            this.x = x;
            this.d = d;
            this.v = v;
            this.p = x.clone();
        }

        GradCheck.Entry check(int lo, int hi, String what) {
            double exact = 0, squares = 0, largest = 0;
            for (int i = lo; i < hi; i++) {
                double term = analytic[i] * d[i];
                exact += term;
                squares += term * term;
                largest = Math.max(largest, Math.abs(v[i]));
            }
            if (largest == 0) {
                return c.entry(what, lo, exact, 0);
            }
            // moving by t along d moves input i by t * |v_i| * max(1, |x_i|) <= h * max(1, |x_i|)
            double width = c.numericDiff().step() / largest;
            double numeric = c.numericDiff().alongLine(t -> {
                for (int i = lo; i < hi; i++) {
                    p[i] = x[i] + t * d[i];
                }
                double y = f.applyAsDouble(p);
                System.arraycopy(x, lo, p, lo, hi - lo);
                return y;
            }, width);
            return c.directionEntry(what, lo, exact, numeric, Math.sqrt(squares));
        }
    }
}
