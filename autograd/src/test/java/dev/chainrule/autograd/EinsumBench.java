package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

/**
 * By hand, not a test: einsum against the plain matmul it lowers to, forward and forward plus
 * backward. The two are timed in alternating batches (so load on a shared machine hits both
 * alike); the minimum and median per call are printed. Run after
 * {@code mvn -o -q -DskipTests package} and {@code mvn -o -q -pl autograd test-compile}:
 * <pre>
 * java -cp examples/target/chainrule.jar:autograd/target/test-classes dev.chainrule.autograd.EinsumBench [n]
 * </pre>
 */
final class EinsumBench {
    private EinsumBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        System.out.println(dev.chainrule.autograd.kernel.MatMul.report());
        Random rng = new Random(1);
        Tensor a = randn(rng, n, n), b = randn(rng, n, n);
        Tensor x = randn(rng, 8, n / 4, n / 4), y = randn(rng, 8, n / 4, n / 4);
        compare(n + "x" + n + " ij,jk->ik", () -> a.matmul(b), () -> Tensor.einsum("ij,jk->ik", a, b));
        compare(n + "x" + n + " ij,kj->ik", () -> a.matmul(b.T()), () -> Tensor.einsum("ij,kj->ik", a, b));
        compare("8x" + n / 4 + "x" + n / 4 + " bij,bjk->bik", () -> x.matmul(y), () -> Tensor.einsum("bij,bjk->bik", x, y));
    }

    private static Tensor randn(Random rng, int... shape) {
        double[] d = new double[Shapes.size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Tensor.of(d, shape);
    }

    private static void compare(String what, Supplier<Tensor> matmul, Supplier<Tensor> einsum) {
        Runnable[] fwd = {() -> forward(matmul), () -> forward(einsum)};
        Runnable[] both = {() -> matmul.get().sum().backward(), () -> einsum.get().sum().backward()};
        double[][] f = alternate(fwd), g = alternate(both);
        System.out.printf("%-26s forward ms (min/median): matmul %.3f/%.3f einsum %.3f/%.3f | "
                        + "forward+backward: matmul %.3f/%.3f einsum %.3f/%.3f%n", what,
                f[0][0], f[0][1], f[1][0], f[1][1], g[0][0], g[0][1], g[1][0], g[1][1]);
    }

    private static void forward(Supplier<Tensor> f) {
        try (var off = GradMode.disabled()) {
            f.get();
        }
    }

    /** {min, median} ms per call of each, from 21 alternating batches of 10 calls after a warm-up. */
    private static double[][] alternate(Runnable[] rs) {
        for (int i = 0; i < 30; i++) {
            for (Runnable r : rs) {
                r.run();
            }
        }
        double[][] ms = new double[rs.length][21];
        for (int k = 0; k < 21; k++) {
            for (int j = 0; j < rs.length; j++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    rs[j].run();
                }
                ms[j][k] = (System.nanoTime() - t0) / 1e7;
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
