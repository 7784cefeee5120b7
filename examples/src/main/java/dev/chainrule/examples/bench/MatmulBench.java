package dev.chainrule.examples.bench;

import dev.chainrule.autograd.kernel.MatMul;
import dev.chainrule.autograd.kernel.MatMulKernel;
import java.util.SplittableRandom;

/**
 * {@code matmul}: n×n by n×n f64 products through the kernel in use, GFLOP/s = 2n³ / time,
 * as {@code bench_matmul} of {@code torch_reference.py} (which times {@code torch.mm(a, b, out=c)},
 * i.e. the kernel writing into a preallocated result).
 */
final class MatmulBench implements Section {
    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public void run(Settings s) throws Exception {
        int[] sizes = s.quick() ? new int[] {32, 64} : new int[] {128, 256, 512, 1024};
        int repeats = s.pick(7, 2);
        double minTime = s.pick(0.3, 0.01), warmup = s.pick(0.5, 0.01);
        MatMulKernel kernel = MatMul.kernel();
        for (int n : sizes) {
            SplittableRandom rng = new SplittableRandom(1234 + n);
            double[] a = gaussian(rng, n * n), b = gaussian(rng, n * n), c = new double[n * n];
            Timing.Work fn = () -> kernel.mult(a, b, c, n, n, n);
            Timing.settle();
            Timing.timeBatch(fn, warmup);
            double[] per = new double[repeats];
            double[] gf = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                per[r] = Timing.timeBatch(fn, minTime);
                gf[r] = 2.0 * n * n * n / per[r] / 1e9;
            }
            s.emit(Json.bench("matmul").put("dtype", "f64").put("n", n)
                    .put("gflops_median", Timing.round(Timing.median(gf), 3))
                    .put("gflops_min", Timing.round(Timing.min(gf), 3))
                    .put("gflops_max", Timing.round(Timing.max(gf), 3))
                    .put("ms_median", Timing.round(Timing.median(per) * 1e3, 4))
                    .put("repeats", repeats));
        }
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
