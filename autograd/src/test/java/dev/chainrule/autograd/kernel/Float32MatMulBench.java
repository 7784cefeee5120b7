package dev.chainrule.autograd.kernel;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * By hand, not a test: float32 n×n products on the Vector API kernel ({@code VectorMatMul}'s
 * FloatVector twin) against the same kernel's float64 product of the widened operands (what
 * its float32 methods did before: {@link MatMulKernel}'s defaults), in alternating batches so
 * the load of a shared machine hits both alike; min, median and max GFLOP/s = 2n³ / time.
 * Run after {@code mvn -o -q -pl autograd test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp autograd/target/classes:autograd/target/test-classes:$(ls ~/.m2/repository/org/ejml/ejml-core/*&#47;*.jar | head -1) \
 *     dev.chainrule.autograd.kernel.Float32MatMulBench [n...]
 * </pre>
 */
final class Float32MatMulBench {
    private Float32MatMulBench() {
    }

    public static void main(String[] args) {
        MatMulKernel vector = BlasKernels.javaVector().orElseThrow(() -> new IllegalStateException(
                "no Vector API kernel: run with --add-modules jdk.incubator.vector (" + BlasKernels.reasons() + ")"));
        MatMulKernel widening = new MatMulKernel() { // only the double methods: the float ones widen
            public String name() { return "widening"; }
            public void mult(double[] a, double[] b, double[] c, int m, int k, int n) { vector.mult(a, b, c, m, k, n); }
            public void multAdd(double[] a, double[] b, double[] c, int m, int k, int n) { vector.multAdd(a, b, c, m, k, n); }
            public void multTransBAdd(double[] a, double[] b, double[] c, int m, int k, int n) { vector.multTransBAdd(a, b, c, m, k, n); }
            public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) { vector.multTransA(a, b, c, m, k, n); }
            public void multTransB(double[] a, double[] b, double[] c, int m, int k, int n) { vector.multTransB(a, b, c, m, k, n); }
        };
        int[] sizes = args.length == 0 ? new int[] {64, 128, 256, 512, 1024} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : sizes) {
            SplittableRandom rng = new SplittableRandom(n);
            float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rng.nextDouble(-1, 1);
                b[i] = (float) rng.nextDouble(-1, 1);
            }
            double[][] gf = alternate(n, new Runnable[] {() -> widening.mult(a, b, c, n, n, n), () -> vector.mult(a, b, c, n, n, n)});
            System.out.printf("f32 n=%4d GFLOP/s min/median/max: widening %.1f/%.1f/%.1f  vector f32 %.1f/%.1f/%.1f  (median ratio %.2f)%n",
                    n, gf[0][0], gf[0][1], gf[0][2], gf[1][0], gf[1][1], gf[1][2], gf[1][1] / gf[0][1]);
        }
    }

    /** {min, median, max} GFLOP/s of each, from 15 alternating batches of about 0.2 s each after a warm-up. */
    private static double[][] alternate(int n, Runnable[] rs) {
        double flops = 2.0 * n * n * n;
        int calls = (int) Math.max(1, 1e9 / flops); // ~0.02-0.1 s per batch at tens of GFLOP/s
        for (int i = 0; i < Math.max(3, 2 * calls); i++) {
            for (Runnable r : rs) {
                r.run();
            }
        }
        double[][] g = new double[rs.length][15];
        for (int t = 0; t < 15; t++) {
            for (int j = 0; j < rs.length; j++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    rs[j].run();
                }
                g[j][t] = flops * calls / (System.nanoTime() - t0);
            }
        }
        double[][] out = new double[rs.length][];
        for (int j = 0; j < rs.length; j++) {
            Arrays.sort(g[j]);
            out[j] = new double[] {g[j][0], g[j][7], g[j][14]};
        }
        return out;
    }
}
