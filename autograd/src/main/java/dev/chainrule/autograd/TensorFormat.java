package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@link Tensor#toString()}: the numbers nested by axis as PyTorch prints them, one column
 * width for all, e.g.
 * <pre>
 * Tensor([[ 1.5000, -2.0000],
 *         [ 0.2500,  4.0000]], shape=[2, 2], requiresGrad)
 * </pre>
 * A tensor of more than {@value #THRESHOLD} elements is summarised: each axis longer than
 * {@code 2 * }{@value #EDGE} shows its first and last {@value #EDGE} entries around {@code ...}.
 * Numbers follow PyTorch's choice: integers as {@code 3.}, otherwise 4 decimals, switching to
 * scientific notation when the shown magnitudes span more than 10^3 or leave [1e-4, 1e8).
 */
final class TensorFormat {
    /** PyTorch's and NumPy's default summarisation threshold. */
    static final int THRESHOLD = 1000;
    /** Entries shown at each end of a summarised axis. */
    static final int EDGE = 3;
    private static final String PREFIX = "Tensor(";

    private TensorFormat() {
    }

    /**
     * @param data  the numbers, row-major
     * @param shape their shape
     * @param dtype their type: float32 is named after the shape, float64 (the default) is not
     * @param requiresGrad whether the tensor wants a gradient
     * @param op    the op that computed it, or null for a leaf
     * @return the text
     */
    static String format(double[] data, int[] shape, DType dtype, boolean requiresGrad, String op) {
        boolean summarise = data.length > THRESHOLD;
        StringBuilder sb = new StringBuilder(PREFIX);
        if (data.length == 0) {
            sb.append("[]");
        } else {
            NumberStyle style = NumberStyle.of(shown(data, shape, summarise));
            int[] strides = ShapeOps.strides(shape);
            block(sb, data, shape, strides, 0, 0, summarise, style);
        }
        if (shape.length > 0) {
            sb.append(", shape=").append(Arrays.toString(shape));
        }
        if (dtype != DType.F64) {
            sb.append(", dtype=").append(dtype); // as PyTorch, which names every type but its default
        }
        if (op != null) {
            sb.append(", op=").append(op);
        } else if (requiresGrad) {
            sb.append(", requiresGrad");
        }
        return sb.append(')').toString();
    }

    /** Axis {@code axis} of the block starting at {@code offset}; recursion depth is the rank, not the data. */
    private static void block(StringBuilder sb, double[] data, int[] shape, int[] strides, int axis, int offset,
                              boolean summarise, NumberStyle style) {
        if (axis == shape.length) {
            sb.append(style.pad(data[offset]));
            return;
        }
        int n = shape[axis];
        boolean cut = summarise && n > 2 * EDGE;
        int remaining = shape.length - axis; // axes of this block
        String separator = remaining == 1 ? ", "
                : "," + "\n".repeat(remaining - 1) + " ".repeat(PREFIX.length() + axis + 1);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (cut && i == EDGE) {
                sb.append(remaining == 1 ? " ..." : "...").append(separator); // PyTorch's spacing
                i = n - EDGE;
            }
            block(sb, data, shape, strides, axis + 1, offset + i * strides[axis], summarise, style);
            if (i < n - 1) {
                sb.append(separator);
            }
        }
        sb.append(']');
    }

    /** The numbers that will be printed (all, or the summarised edges), so widths fit what is shown. */
    private static double[] shown(double[] data, int[] shape, boolean summarise) {
        if (!summarise) {
            return data;
        }
        double[] out = new double[data.length];
        int count = 0;
        int[] index = new int[shape.length];
        int[] strides = ShapeOps.strides(shape);
        while (true) {
            int flat = 0;
            for (int d = 0; d < shape.length; d++) {
                flat += index[d] * strides[d];
            }
            out[count++] = data[flat];
            int d = shape.length - 1; // odometer over the kept indices of every axis
            for (; d >= 0; d--) {
                index[d]++;
                if (shape[d] > 2 * EDGE && index[d] == EDGE) {
                    index[d] = shape[d] - EDGE;
                }
                if (index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
            if (d < 0) {
                return Arrays.copyOf(out, count);
            }
        }
    }

    /** How every number of one tensor is written, and the common width. */
    private record NumberStyle(String pattern, boolean integers, int width) {
        static NumberStyle of(double[] values) {
            boolean integers = true;
            double max = 0, min = Double.POSITIVE_INFINITY;
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                integers &= v == Math.rint(v);
                double a = Math.abs(v);
                max = Math.max(max, a);
                if (a != 0) {
                    min = Math.min(min, a);
                }
            }
            String pattern;
            if (integers) {
                pattern = max >= 1e8 ? "%.4e" : null;
            } else {
                boolean scientific = max >= 1e8 || min < 1e-4 || max / min > 1e3;
                pattern = scientific ? "%.4e" : "%.4f";
            }
            NumberStyle unsized = new NumberStyle(pattern, integers && pattern == null, 0);
            int width = 0;
            for (double v : values) {
                width = Math.max(width, unsized.text(v).length());
            }
            return new NumberStyle(pattern, unsized.integers, width);
        }

        String text(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            if (integers) {
                return (long) v + ".";
            }
            return String.format(Locale.ROOT, pattern, v);
        }

        String pad(double v) {
            String t = text(v);
            return " ".repeat(width - t.length()) + t;
        }
    }
}
