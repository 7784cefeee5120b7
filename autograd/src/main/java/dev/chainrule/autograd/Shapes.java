package dev.chainrule.autograd;

import java.util.Arrays;

/** Shape arithmetic: validation, element counts, NumPy broadcasting, axis normalisation. */
final class Shapes {
    private Shapes() {
    }

    /**
     * A defensive copy of {@code shape} after checking no dimension is negative and the
     * element count fits an int.
     */
    static int[] check(String op, int[] shape) {
        if (shape == null) {
            throw new NullPointerException(op + ": shape is null");
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
        }
        size(op, shape);
        return shape.clone();
    }

    /** Number of elements of a shape (1 for a 0-dimensional shape). */
    static int size(int[] shape) {
        return size(null, shape);
    }

    /**
     * Number of elements of a shape, or an exception naming {@code op} when there are more
     * than an int can count (a zero dimension makes any shape empty, however large the rest).
     */
    static int size(String op, int[] shape) {
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException((op == null ? "" : op + ": ") + "shape " + Arrays.toString(shape)
                        + " has more than " + Integer.MAX_VALUE + " elements, more than a tensor can hold");
            }
        }
        return (int) n;
    }

    /** The NumPy broadcast of two shapes, or an exception naming the op and both shapes. */
    static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " cannot be broadcast: dimension " + i + " is " + da
                        + " vs " + db + " (each pair must be equal or one of them 1)");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides for reading a tensor of shape {@code in} while iterating over the broadcast
     * shape {@code out} in row-major order: 0 along broadcast axes.
     */
    static int[] broadcastStrides(int[] in, int[] out) {
        int[] strides = new int[out.length];
        int stride = 1;
        for (int i = out.length - 1, j = in.length - 1; i >= 0; i--, j--) {
            if (j >= 0 && in[j] != 1) {
                strides[i] = stride;
            }
            if (j >= 0) {
                stride *= in[j];
            }
        }
        return strides;
    }

    /** An axis in [-rank, rank) turned into [0, rank), or an exception naming the op. */
    static int axis(String op, int axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor with "
                    + rank + " dimensions (" + (rank == 0 ? "a 0-dimensional tensor has no axes"
                    : "expected " + (-rank) + " to " + (rank - 1)) + ")");
        }
        return axis < 0 ? axis + rank : axis;
    }

    /** The multi-index of row-major position {@code flat} in {@code shape} (for messages and reports). */
    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] > 0) {
                idx[d] = flat % shape[d];
                flat /= shape[d];
            }
        }
        return idx;
    }
}
