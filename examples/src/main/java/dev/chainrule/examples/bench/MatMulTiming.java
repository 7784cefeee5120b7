package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Backend;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Forward + backward time of one square f64 matmul through the graph: {@code C = A·B},
 * then {@code sum(C).backward()}, which runs {@code dA = G·Bᵀ} and {@code dB = Aᵀ·G} on the
 * matmul kernel. Warms the JIT up first, then reports the median and best of several runs.
 *
 * <p>Usage: {@code MatMulTiming [size] [runs]} (defaults 1024 and 10).
 */
public final class MatMulTiming {
    private MatMulTiming() {
    }

    /**
     * Prints the kernel, the size and the timings.
     *
     * @param args optional size (default 1024) and number of timed runs (default 10)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (n <= 0 || runs <= 0) {
            throw new IllegalArgumentException("MatMulTiming: size and runs must be positive, got " + n + " and " + runs);
        }
        SplittableRandom rng = new SplittableRandom(42);
        Tensor a = Tensor.randn(rng, n, n);
        Tensor b = Tensor.randn(rng, n, n);
        for (int i = 0; i < 5; i++) { // warm-up: JIT and the kernel's thread pool
            once(a, b);
        }
        double[] forward = new double[runs], total = new double[runs];
        for (int r = 0; r < runs; r++) {
            double[] t = once(a, b);
            forward[r] = t[0];
            total[r] = t[1];
        }
        Arrays.sort(forward);
        Arrays.sort(total);
        System.out.printf("matmul %dx%d f64, kernel %s, %d cores, %d runs after warm-up%n", n, n,
                Backend.kernel(), Runtime.getRuntime().availableProcessors(), runs);
        System.out.printf("  forward:            median %8.2f ms, best %8.2f ms%n", forward[runs / 2], forward[0]);
        System.out.printf("  forward + backward: median %8.2f ms, best %8.2f ms%n", total[runs / 2], total[0]);
    }

    /** One timed step: {forward ms, forward + backward ms}. */
    private static double[] once(Tensor a, Tensor b) {
        a.zeroGrad();
        b.zeroGrad();
        long t0 = System.nanoTime();
        Tensor c = a.matmul(b);
        long t1 = System.nanoTime();
        c.sum().backward();
        long t2 = System.nanoTime();
        if (a.grad() == null || b.grad() == null) {
            throw new IllegalStateException("MatMulTiming: backward produced no gradient");
        }
        return new double[] {(t1 - t0) / 1e6, (t2 - t0) / 1e6};
    }
}
