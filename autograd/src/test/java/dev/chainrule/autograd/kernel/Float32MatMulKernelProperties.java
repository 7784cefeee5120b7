package dev.chainrule.autograd.kernel;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every kernel's float32 products (sgemm where the kernel has one, or the
 * float64 default) against the oracle: EJML's float64 product of the same float inputs. The
 * bound is float32 rounding of a k-term dot product, {@code 2k·2⁻²⁴·Σ|aᵢ||bᵢ|} per element.
 */
class Float32MatMulKernelProperties {
    private static final MatMulKernel ORACLE = new EjmlMatMul(false);

    private static List<MatMulKernel> kernels() {
        List<MatMulKernel> all = new ArrayList<>(MatMul.available());
        all.add(MatMul.kernel()); // the automatic choice, maybe a size dispatch
        return all;
    }

    @Property(tries = 40)
    void everyKernelsFloat32ProductsMatchTheFloat64Oracle(@ForAll @IntRange(min = 0, max = 60) int m,
                                                          @ForAll @IntRange(min = 0, max = 60) int k,
                                                          @ForAll @IntRange(min = 0, max = 60) int n,
                                                          @ForAll long seed) {
        for (MatMulKernel kernel : kernels()) {
            check(kernel, m, k, n, seed);
        }
    }

    @Test
    void largeOddShapes() {
        for (MatMulKernel kernel : kernels()) {
            check(kernel, 257, 131, 199, 1);
            check(kernel, 1, 300, 259, 2);
        }
    }

    /**
     * Shapes at and across the vector kernel's float32 tile and panel edges (tiles of 4 rows by
     * two FloatVectors, 32 columns with AVX-512; panels 256 deep and 512 wide): single rows and
     * columns, depths one past a panel, widths one past a tile or a panel.
     */
    @Test
    void shapesAcrossTheVectorKernelsTileAndPanelEdges() {
        int[][] shapes = {{1, 1, 1}, {1, 33, 1}, {7, 1, 1}, {1, 1, 65}, {4, 256, 32}, {5, 257, 33}, {3, 17, 31},
            {9, 260, 530}, {203, 517, 1}, {130, 7, 513}, {64, 64, 64}};
        long seed = 10;
        for (int[] s : shapes) {
            for (MatMulKernel kernel : kernels()) {
                check(kernel, s[0], s[1], s[2], seed++);
            }
        }
    }

    private static void check(MatMulKernel kernel, int m, int k, int n, long seed) {
        KernelOracle.checkFloat32(kernel, m, k, n, seed);
    }
}
