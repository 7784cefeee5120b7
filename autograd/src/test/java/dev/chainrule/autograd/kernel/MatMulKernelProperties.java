package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every matrix-product kernel that loads here equals EJML, the oracle (see {@link KernelOracle}),
 * on random shapes (odd sizes, vectors, empty dimensions) in every variant the forward and
 * backward passes use.
 */
class MatMulKernelProperties {
    private static final List<MatMulKernel> KERNELS = MatMul.available();
    private static final MatMulKernel ORACLE = new EjmlMatMul(false);

    private static void checkAll(int m, int k, int n, long seed) {
        KernelOracle.checkAll(KERNELS, m, k, n, seed);
    }

    @Property(tries = 60)
    void everyKernelEqualsEjml(@ForAll @IntRange(min = 0, max = 70) int m,
                               @ForAll @IntRange(min = 0, max = 70) int k,
                               @ForAll @IntRange(min = 0, max = 70) int n,
                               @ForAll long seed) {
        checkAll(m, k, n, seed);
    }

    @Test
    void largeOddShapesThatCrossBlockBoundaries() {
        // sizes past the BLAS block sizes and the small-product threshold, none a multiple of 8
        checkAll(257, 131, 199, 1);
        checkAll(1, 300, 259, 2);
        checkAll(203, 517, 1, 3);
        // past the vector kernel's panel width (512 columns) and depth (256)
        checkAll(9, 260, 530, 4);
    }

    @Test
    void automaticChoiceIsAvailableAndNamed() {
        MatMulKernel k = MatMul.kernel();
        assertNotNull(k.name());
        assertFalse(k.name().isBlank());
        assertTrue(MatMul.report().contains(k.name()), MatMul.report());
        assertEquals("ejml", KERNELS.get(0).name());
    }

    @Test
    void sizeDispatchSendsTinyProductsToTheSmallKernel() {
        MatMulKernel failing = new MatMulKernel() {
            public String name() { return "large"; }
            public void mult(double[] a, double[] b, double[] c, int m, int k, int n) { throw new AssertionError("large used"); }
            public void multAdd(double[] a, double[] b, double[] c, int m, int k, int n) { mult(a, b, c, m, k, n); }
            public void multTransBAdd(double[] a, double[] b, double[] c, int m, int k, int n) { mult(a, b, c, m, k, n); }
            public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) { mult(a, b, c, m, k, n); }
            public void multTransB(double[] a, double[] b, double[] c, int m, int k, int n) { mult(a, b, c, m, k, n); }
        };
        SizeDispatch d = new SizeDispatch(ORACLE, failing);
        double[] c = new double[4];
        d.mult(new double[] {1, 2, 3, 4}, new double[] {1, 0, 0, 1}, c, 2, 2, 2);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), List.of(c[0], c[1], c[2], c[3]));
        assertEquals("large", d.name());
        assertThrows(AssertionError.class, () -> d.mult(new double[16 * 16], new double[16 * 16], new double[16 * 16], 16, 16, 16));
    }
}
