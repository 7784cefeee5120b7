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

    private static void check(MatMulKernel kernel, int m, int k, int n, long seed) {
        KernelOracle.checkFloat32(kernel, m, k, n, seed);
    }
}
