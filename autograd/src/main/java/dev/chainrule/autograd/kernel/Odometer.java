package dev.chainrule.autograd.kernel;

/**
 * A row-major position in a shape that keeps, for each operand read or written through its
 * own strides, the matching offset: the one index walk every strided kernel shares. Kernels
 * move it a row or an element at a time and read {@link #at} for each operand's offset; the
 * strides of a broadcast axis are 0, so a broadcast operand is never copied.
 */
final class Odometer {
    private final int[] shape;
    private final int[][] strides;
    private final int[] idx;
    /** The current offset into each operand, in the order the strides were given. */
    final int[] at;

    /** Starts at position 0 of {@code shape}, with one stride array (of the shape's rank) per operand. */
    Odometer(int[] shape, int[]... strides) {
        this.shape = shape;
        this.strides = strides;
        this.idx = new int[shape.length];
        this.at = new int[strides.length];
    }

    /**
     * Moves to the next position of the dimensions {@code 0..last} (the last varies fastest),
     * carrying into earlier dimensions like an odometer. Pass {@code rank - 2} to step a row at a
     * time, {@code rank - 1} to step an element at a time.
     */
    void next(int last) {
        for (int d = last; d >= 0; d--) {
            for (int o = 0; o < at.length; o++) {
                at[o] += strides[o][d];
            }
            if (++idx[d] < shape[d]) {
                return;
            }
            for (int o = 0; o < at.length; o++) {
                at[o] -= strides[o][d] * shape[d];
            }
            idx[d] = 0;
        }
    }
}
