package dev.chainrule.examples;

import dev.chainrule.autograd.kernel.EjmlMatMul;
import dev.chainrule.autograd.kernel.MatMul;

/** Applies {@code --threads} to the matrix-product kernel. */
final class Threads {
    private static final dev.chainrule.autograd.kernel.MatMulKernel AUTOMATIC = MatMul.kernel();

    private Threads() {
    }

    /**
     * With 1 thread, products run on single-threaded EJML (the reference kernel, the same
     * numbers on every machine); with more, on the automatically chosen kernel, which uses up
     * to the available cores for large products.
     */
    static void use(int threads) {
        MatMul.use(threads <= 1 ? new EjmlMatMul(false) : AUTOMATIC);
    }
}
