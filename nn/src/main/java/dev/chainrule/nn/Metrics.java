package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/** Plain numbers about a model's predictions (no graph, no gradient). */
public final class Metrics {
    private Metrics() {
    }

    /** The index of the largest score in each row of a [B, C] tensor (the first one on ties). */
    public static int[] argmax(Tensor scores) {
        Objects.requireNonNull(scores, "argmax: scores are null");
        int[] s = scores.shape();
        if (s.length != 2 || s[1] == 0) {
            throw new IllegalArgumentException("argmax: scores of shape " + Arrays.toString(s)
                    + " must be [batch, classes] with at least one class");
        }
        double[] d = scores.toArray();
        int[] best = new int[s[0]];
        for (int b = 0; b < s[0]; b++) {
            int row = b * s[1];
            for (int c = 1; c < s[1]; c++) {
                if (d[row + c] > d[row + best[b]]) {
                    best[b] = c;
                }
            }
        }
        return best;
    }

    /** The fraction of rows of {@code scores} [B, C] whose largest score is at {@code labels[b]}. */
    public static double accuracy(Tensor scores, int[] labels) {
        Objects.requireNonNull(labels, "accuracy: labels are null");
        int[] predicted = argmax(scores);
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException("accuracy: " + labels.length + " labels for scores of shape "
                    + Arrays.toString(scores.shape()) + " (expected one per row)");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("accuracy: no samples");
        }
        int right = 0;
        for (int b = 0; b < labels.length; b++) {
            right += predicted[b] == labels[b] ? 1 : 0;
        }
        return (double) right / labels.length;
    }
}
