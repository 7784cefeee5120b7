package dev.chainrule.nn;

import java.util.Arrays;
import java.util.Objects;

/** The layer-size list of a perceptron ({@link MLP}, {@link ScalarMLP}): checked once for both. */
final class LayerSizes {
    private LayerSizes() {
    }

    /** A copy of {@code sizes} after checking there are at least two and all are positive. */
    static int[] checked(String op, int[] sizes) {
        Objects.requireNonNull(sizes, () -> op + ": sizes is null");
        if (sizes.length < 2) {
            throw new IllegalArgumentException(op + ": need at least an input and an output size, got "
                    + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException(op + ": layer sizes must be > 0, got " + Arrays.toString(sizes));
            }
        }
        return sizes.clone();
    }
}
