package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * By hand, not a test: {@code Tensor.relu} through the registry row with its kernels
 * ({@link dev.chainrule.autograd.kernel.Kernels#relu}, {@code reluBackward}) against the same
 * row without them (a lambda per element, as before), forward and forward plus first-order
 * backward, on random-signed inputs, in float64 and then float32. Timed in alternating batches (load on a shared machine
 * hits both alike); min and median ms per call. Run after {@code mvn -o -q -pl autograd test-compile}:
 * <pre>
 * java -cp autograd/target/classes:autograd/target/test-classes dev.chainrule.autograd.ReluBench [n]
 * </pre>
 */
final class ReluBench {
    private ReluBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        UnaryOp kernels = ElementwiseOps.RELU;
        UnaryOp lambdas = new UnaryOp("relu", List.of(), kernels.forward, kernels.derivative, null, p -> { }, true,
                kernels.spec); // the same row, no kernels: what Tensor.relu ran before
        Random rng = new Random(1);
        double[] d = new double[n * n];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        Tensor x = Tensor.of(d, n, n);
        Tensor g = Tensor.constant(d.clone(), n, n);
        double[][] f = alternate(new Runnable[] {() -> forward(lambdas, x), () -> forward(kernels, x)});
        double[][] b = alternate(new Runnable[] {() -> both(lambdas, x, g), () -> both(kernels, x, g)});
        System.out.printf("relu %dx%d forward ms (min/median): lambdas %.3f/%.3f kernels %.3f/%.3f | "
                        + "forward+backward: lambdas %.3f/%.3f kernels %.3f/%.3f%n", n, n,
                f[0][0], f[0][1], f[1][0], f[1][1], b[0][0], b[0][1], b[1][0], b[1][1]);
        // float32: the float32 kernels against the row's lambda per element on the floats
        float[] d32 = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            d32[i] = (float) d[i];
        }
        Tensor x32 = Tensor.of(d32, n, n), g32 = g.to(DType.F32);
        double[][] f32 = alternate(new Runnable[] {() -> forward(lambdas, x32), () -> forward(kernels, x32)});
        double[][] b32 = alternate(new Runnable[] {() -> both(lambdas, x32, g32), () -> both(kernels, x32, g32)});
        System.out.printf("relu f32 %dx%d forward ms (min/median): lambdas %.3f/%.3f kernels %.3f/%.3f | "
                        + "forward+backward: lambdas %.3f/%.3f kernels %.3f/%.3f%n", n, n,
                f32[0][0], f32[0][1], f32[1][0], f32[1][1], b32[0][0], b32[0][1], b32[1][0], b32[1][1]);
    }

    private static void forward(UnaryOp op, Tensor x) {
        try (var off = GradMode.disabled()) {
            op.apply(x);
        }
    }

    private static void both(UnaryOp op, Tensor x, Tensor g) {
        x.zeroGrad();
        op.apply(x).backward(g);
    }

    /** {min, median} ms per call of each, from 21 alternating batches of 20 calls after a warm-up. */
    private static double[][] alternate(Runnable[] rs) {
        for (int i = 0; i < 200; i++) {
            for (Runnable r : rs) {
                r.run();
            }
        }
        double[][] ms = new double[rs.length][21];
        for (int k = 0; k < 21; k++) {
            for (int j = 0; j < rs.length; j++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    rs[j].run();
                }
                ms[j][k] = (System.nanoTime() - t0) / 2e7;
            }
        }
        double[][] out = new double[rs.length][];
        for (int j = 0; j < rs.length; j++) {
            Arrays.sort(ms[j]);
            out[j] = new double[] {ms[j][0], ms[j][10]};
        }
        return out;
    }
}
