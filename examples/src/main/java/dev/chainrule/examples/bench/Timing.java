package dev.chainrule.examples.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** The timing rules of the PyTorch reference scripts, so the two columns measure the same thing. */
final class Timing {
    private Timing() {
    }

    /** A repeatable piece of work. */
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code fn} repeatedly until at least {@code minTime} seconds have passed and
     * returns seconds per call: {@code time_batch} of {@code torch_reference.py}.
     */
    static double timeBatch(Work fn, double minTime) throws Exception {
        long k = 1;
        while (true) {
            long t0 = System.nanoTime();
            for (long i = 0; i < k; i++) {
                fn.run();
            }
            double dt = (System.nanoTime() - t0) / 1e9;
            if (dt >= minTime) {
                return dt / k;
            }
            k = Math.max(k * 2, (long) (k * minTime / Math.max(dt, 1e-9) * 1.1) + 1);
        }
    }

    /**
     * Runs {@code fn} for at least {@code seconds} and {@code minCalls} calls, so the JIT has
     * compiled what is then timed (the reference scripts' few warm-up calls are enough for
     * PyTorch's precompiled kernels, not for a JVM); returns the number of calls made.
     */
    static int warmup(Work fn, double seconds, int minCalls) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int calls = 0;
        while (calls < minCalls || System.nanoTime() < end) {
            fn.run();
            calls++;
        }
        return calls;
    }

    /** Median of the values, as Python's {@code statistics.median}. */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** Rounds to {@code digits} decimals, as the reference scripts' {@code round}. */
    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Milliseconds all collectors have spent so far: read before and after a timed region. */
    static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /**
     * Collects garbage left by the previous measurement so it is not charged to the next
     * (JMH does the same with {@code -gc true}); collections during a measurement still count.
     */
    static void settle() {
        System.gc();
    }

    /** Share of a timed region spent in collections, in percent. */
    static double gcPercent(long gcMillisBefore, long nanosStart) {
        double wall = (System.nanoTime() - nanosStart) / 1e6;
        return wall <= 0 ? 0 : round(100.0 * (gcMillis() - gcMillisBefore) / wall, 2);
    }
}
