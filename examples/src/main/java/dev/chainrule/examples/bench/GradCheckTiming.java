package dev.chainrule.examples.bench;

import dev.chainrule.autograd.GradCheck;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Time of GradCheck's fast mode on a function of many inputs: {@code f(x) = Σ sin(x_i) + x_i²/2}
 * with its hand-written gradient, once correct and once wrong by 1e-5 relative on one input.
 * Fast mode compares one random directional derivative, and on failure bisects the direction
 * to name the wrong input. Warms the JIT up first, then reports the median and best of several runs.
 *
 * <p>Usage: {@code GradCheckTiming [inputs] [runs]} (defaults 100000 and 10).
 */
public final class GradCheckTiming {
    private GradCheckTiming() {
    }

    /**
     * Prints the settings, which input was named and the timings.
     *
     * @param args optional number of inputs (default 100000) and timed runs (default 10)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (n <= 1 || runs <= 0) {
            throw new IllegalArgumentException("GradCheckTiming: need at least 2 inputs and 1 run, got " + n + " and " + runs);
        }
        double[] x = new Random(1).doubles(n, -2, 2).toArray();
        int bad = n * 3 / 4 - 7;
        ToDoubleFunction<double[]> f = GradCheckTiming::f;
        Function<double[], double[]> wrong = v -> {
            double[] g = gradient(v);
            g[bad] *= 1 + 1e-5;
            return g;
        };
        // 1e-5 of one gradient entry moves g · d by about 1e-5 · |g_i| / sqrt(n); rtol applies to |g∘d|₂ (about 2
        // here), so it must be well below 1e-5 / sqrt(n) / 2
        GradCheck fast = GradCheck.withDefaults().richardson(4).step(1e-2).tolerance(1e-10, 5e-9).fast();
        for (int i = 0; i < 3; i++) {
            fast.checkGradient(f, GradCheckTiming::gradient, x);
            fast.checkGradient(f, wrong, x);
        }
        double[] pass = new double[runs], caught = new double[runs];
        GradCheck.Report last = null;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            GradCheck.Report ok = fast.checkGradient(f, GradCheckTiming::gradient, x);
            long t1 = System.nanoTime();
            last = fast.checkGradient(f, wrong, x);
            long t2 = System.nanoTime();
            if (!ok.passed() || last.passed() || !last.worst().orElseThrow().input().equals("x[" + bad + "]")) {
                throw new IllegalStateException("GradCheckTiming: fast mode got it wrong:\n" + ok + last);
            }
            pass[r] = (t1 - t0) / 1e6;
            caught[r] = (t2 - t1) / 1e6;
        }
        System.out.println("fast gradient check, " + n + " inputs, " + last.method());
        System.out.println("wrong input planted at x[" + bad + "], named: " + last.worst().orElseThrow().input()
                + " (" + last.entries().size() + " entries in the report)");
        System.out.printf("correct gradient: median %.1f ms, best %.1f ms%n", median(pass), min(pass));
        System.out.printf("wrong gradient caught and named: median %.1f ms, best %.1f ms%n", median(caught), min(caught));
    }

    private static double f(double[] x) {
        double s = 0;
        for (double xi : x) {
            s += Math.sin(xi) + 0.5 * xi * xi;
        }
        return s;
    }

    private static double[] gradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = Math.cos(x[i]) + x[i];
        }
        return g;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElseThrow();
    }
}
