package dev.chainrule.examples;

import dev.chainrule.autograd.Backend;

/** Applies {@code --threads} to the matrix-product kernel. */
final class Threads {
    private Threads() {
    }

    /**
     * Chooses the kernel for {@code threads} threads per product: the bundled OpenBLAS gets that
     * thread count; a kernel whose count is fixed at more is passed over (see
     * {@link Backend#threads(int)}), so 1 really is one thread.
     */
    static void use(int threads) {
        Backend.threads(threads);
    }
}
