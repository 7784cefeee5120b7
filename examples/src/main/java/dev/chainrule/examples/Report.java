package dev.chainrule.examples;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Plain-text tables and numbers the training examples print. */
final class Report {
    /** What the scalar commands say about the kernel: Value graphs have no matrix products to choose a kernel for. */
    static final String SCALAR_KERNEL = "scalar Value graph (no matrix products, so no matmul kernel)";

    private Report() {
    }

    /** The matrix-product kernel in use and the thread count, for the tensor commands' headers. */
    static String matmulKernel(int threads, dev.chainrule.autograd.DType dtype) {
        return dtype + ", " + matmulKernel(threads);
    }

    /** The matmul kernel and thread count, for run headers. */
    static String matmulKernel(int threads) {
        return "matmul " + dev.chainrule.autograd.Backend.kernel() + ", " + threads + " thread"
                + (threads == 1 ? "" : "s");
    }

    /** A percentage with one decimal: 0.9712 → "97.1%". */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** Seconds with one decimal. */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /**
     * Prints about ten rows of per-epoch columns: the first epoch, every k-th, and the last.
     *
     * @param names   column titles
     * @param columns one array per column, one entry per epoch; accuracy columns (name
     *                containing "acc") print as percentages
     */
    static void epochTable(PrintWriter out, List<String> names, List<double[]> columns) {
        int epochs = columns.isEmpty() ? 0 : columns.get(0).length;
        if (epochs == 0) {
            return;
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %6s", "epoch"));
        for (String n : names) {
            head.append(String.format(Locale.ROOT, " %12s", n));
        }
        out.println(head);
        int every = Math.max(1, (int) Math.ceil(epochs / 10.0));
        for (int e = 0; e < epochs; e++) {
            if (e != 0 && (e + 1) % every != 0 && e != epochs - 1) {
                continue;
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %6d", e + 1));
            for (int c = 0; c < columns.size(); c++) {
                double v = columns.get(c)[e];
                row.append(names.get(c).contains("acc") ? String.format(Locale.ROOT, " %12s", percent(v))
                        : String.format(Locale.ROOT, " %12.4f", v));
            }
            out.println(row);
        }
    }
}
