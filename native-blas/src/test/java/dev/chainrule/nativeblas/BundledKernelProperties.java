package dev.chainrule.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.EjmlMatMul;
import dev.chainrule.autograd.kernel.KernelOracle;
import dev.chainrule.autograd.kernel.MatMul;
import dev.chainrule.autograd.kernel.MatMulKernel;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * With this module on the class path, autograd finds the bundled OpenBLAS, chooses it, gives it
 * the thread count asked for, and every product it computes equals EJML's: the four kernel
 * products on random shapes (sizes 0 and 1 included), and batched, broadcast and transposed
 * tensor products with their gradients.
 */
class BundledKernelProperties {
    private static final MatMulKernel BUNDLED = MatMul.available().stream()
            .filter(k -> k.name().equals("bundled-openblas")).findFirst()
            .orElseThrow(() -> new AssertionError("the bundled kernel did not load: " + MatMul.report()));
    private static final MatMulKernel EJML = new EjmlMatMul(false);

    @Property(tries = 60)
    void bundledKernelEqualsEjml(@ForAll @IntRange(min = 0, max = 70) int m, @ForAll @IntRange(min = 0, max = 70) int k,
                                 @ForAll @IntRange(min = 0, max = 70) int n, @ForAll long seed) {
        KernelOracle.checkAll(List.of(BUNDLED), m, k, n, seed);
    }

    @Property(tries = 40)
    void bundledFloat32ProductsEqualEjmlInFloat64(@ForAll @IntRange(min = 0, max = 70) int m,
                                                  @ForAll @IntRange(min = 0, max = 70) int k,
                                                  @ForAll @IntRange(min = 0, max = 70) int n, @ForAll long seed) {
        KernelOracle.checkFloat32(BUNDLED, m, k, n, seed); // sgemm, through the same adapter as dgemm
    }

    @Test
    void edgeAndLargeOddShapes() {
        int[][] shapes = {{0, 0, 0}, {1, 1, 1}, {1, 0, 5}, {0, 3, 1}, {1, 9, 1}, {9, 1, 9}, {257, 131, 199}, {1, 300, 259}};
        long seed = 1;
        for (int[] s : shapes) {
            KernelOracle.checkAll(List.of(BUNDLED), s[0], s[1], s[2], seed++);
        }
    }

    @Property(tries = 30)
    void batchedBroadcastAndTransposedProductsAndGradientsEqualEjml(
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 9) int m,
            @ForAll @IntRange(min = 1, max = 9) int k, @ForAll @IntRange(min = 1, max = 9) int n,
            @ForAll @IntRange(min = 0, max = 3) int layout, @ForAll long seed) {
        // layout: 0 both batched, 1 a batched times one matrix, 2 one matrix times b batched,
        // 3 a broadcast along a new leading axis and b a transposed view
        int[][] shapes = switch (layout) {
            case 0 -> new int[][] {{batch, m, k}, {batch, k, n}};
            case 1 -> new int[][] {{batch, 2, m, k}, {k, n}};
            case 2 -> new int[][] {{m, k}, {batch, k, n}};
            default -> new int[][] {{1, m, k}, {batch, n, k}};
        };
        double[][] bundled = run(BUNDLED, shapes, layout == 3, seed);
        double[][] ejml = run(EJML, shapes, layout == 3, seed);
        for (int i = 0; i < 3; i++) {
            assertEquals(ejml[i].length, bundled[i].length);
            for (int j = 0; j < ejml[i].length; j++) {
                double tol = 1e-12 * Math.max(1, Math.abs(ejml[i][j])) * (k + m + n);
                assertTrue(Math.abs(ejml[i][j] - bundled[i][j]) <= tol, "output " + i + " at " + j + ": "
                        + bundled[i][j] + " but EJML gives " + ejml[i][j]);
            }
        }
    }

    /** The product, dA and dB of {@code sum(A·B ⊙ R)} on {@code kernel}. */
    private static double[][] run(MatMulKernel kernel, int[][] shapes, boolean transposeB, long seed) {
        MatMulKernel before = MatMul.kernel();
        MatMul.use(kernel);
        try {
            SplittableRandom rng = new SplittableRandom(seed);
            Tensor a = Tensor.randn(rng, shapes[0]);
            Tensor b = Tensor.randn(rng, shapes[1]);
            Tensor c = a.matmul(transposeB ? b.transpose(-1, -2) : b);
            Tensor r = Tensor.randn(rng, c.shape());
            c.mul(r).sum().backward();
            return new double[][] {c.toArray(), a.grad().toArray(), b.grad().toArray()};
        } finally {
            MatMul.use(before);
        }
    }

    @Test
    void theSystemBlasAndNetlibStayOutOfTheJvmOnceTheBundledOneLoaded() {
        // two OpenBLAS builds in one process bind each other's symbols and crash (seen in dgemm_oncopy);
        // chainrule's own Vector API kernel is pure Java and stays (these tests run with the module)
        List<String> names = MatMul.available().stream().map(MatMulKernel::name).toList();
        assertEquals(List.of("ejml", "ejml-mt", "bundled-openblas", "vector"), names);
        String report = MatMul.report();
        assertTrue(report.contains("native-blas: not loaded: the bundled OpenBLAS is loaded"), report);
        assertTrue(report.contains("netlib-vector: not loaded"), report);
    }

    @Test
    void theAutomaticChoiceIsTheBundledKernelWithTheThreadsAsked() {
        MatMulKernel before = MatMul.kernel();
        BundledOpenBlas blas = new BundledOpenBlas();
        int threadsBefore = blas.threads();
        try {
            MatMulKernel one = MatMul.threads(1);
            assertEquals("bundled-openblas", one.name(), MatMul::report);
            assertEquals(1, blas.threads());
            assertTrue(MatMul.report().contains("bundled-openblas, 1 thread (bundled: loaded OpenBLAS"), MatMul::report);
            MatMul.threads(2);
            assertTrue(blas.threads() >= 1 && blas.threads() <= 2, () -> "threads " + blas.threads());
        } finally {
            MatMul.threads(threadsBefore);
            MatMul.use(before);
        }
    }
}
