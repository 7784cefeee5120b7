package dev.chainrule.examples.bench;

import dev.chainrule.autograd.kernel.MatMul;
import dev.chainrule.autograd.kernel.MatMulKernel;
import dev.chainrule.autograd.kernel.MatMulProvider;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code matmul}: n×n by n×n f64 products through the kernel in use, GFLOP/s = 2n³ / time,
 * as {@code bench_matmul} of {@code torch_reference.py} (which times {@code torch.mm(a, b, out=c)},
 * i.e. the kernel writing into a preallocated result); and f32 products: through the native
 * library's sgemm when the kernel in use is a {@link MatMulProvider}, else through the kernel's
 * float32 {@code mult} (its own float32 routine, or the float64 product of the widened operands
 * where it has none), called from Java arrays as the graph calls it.
 */
final class MatmulBench implements Section {
    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public void run(Settings s) throws Exception {
        int[] sizes = s.quick() ? new int[] {32, 64} : new int[] {64, 128, 256, 512, 1024};
        int repeats = s.pick(7, 2);
        double minTime = s.pick(0.3, 0.01), warmup = s.pick(0.5, 0.01);
        MatMulKernel kernel = MatMul.kernel();
        Optional<MatMulProvider> sgemm = MatMul.provider().filter(p -> p.name().equals(kernel.name()));
        for (int n : sizes) {
            SplittableRandom rng = new SplittableRandom(1234 + n);
            double[] a = gaussian(rng, n * n), b = gaussian(rng, n * n), c = new double[n * n];
            time(s, "f64", n, () -> kernel.mult(a, b, c, n, n, n), repeats, minTime, warmup);
        }
        if (sgemm.isPresent()) {
            MatMulProvider p = sgemm.get();
            for (int n : sizes) {
                SplittableRandom rng = new SplittableRandom(1234 + n);
                float[] a = toFloat(gaussian(rng, n * n)), b = toFloat(gaussian(rng, n * n)), c = new float[n * n];
                time(s, "f32", n, () -> p.sgemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n), repeats, minTime, warmup);
            }
        } else {
            for (int n : sizes) {
                SplittableRandom rng = new SplittableRandom(1234 + n);
                float[] a = toFloat(gaussian(rng, n * n)), b = toFloat(gaussian(rng, n * n)), c = new float[n * n];
                time(s, "f32", n, () -> kernel.mult(a, b, c, n, n, n), repeats, minTime, warmup);
            }
        }
    }

    private static void time(Settings s, String dtype, int n, Timing.Work fn, int repeats, double minTime, double warmup)
            throws Exception {
        Timing.settle();
        Timing.timeBatch(fn, warmup);
        double[] per = new double[repeats];
        double[] gf = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            per[r] = Timing.timeBatch(fn, minTime);
            gf[r] = 2.0 * n * n * n / per[r] / 1e9;
        }
        s.emit(Json.bench("matmul").put("dtype", dtype).put("n", n)
                .put("gflops_median", Timing.round(Timing.median(gf), 3))
                .put("gflops_min", Timing.round(Timing.min(gf), 3))
                .put("gflops_max", Timing.round(Timing.max(gf), 3))
                .put("ms_median", Timing.round(Timing.median(per) * 1e3, 4))
                .put("repeats", repeats));
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    static double[] gaussian(SplittableRandom rng, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            // Box-Muller: standard normal entries, like torch.randn
            double u = 1 - rng.nextDouble(), w = rng.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
        }
        return v;
    }
}
