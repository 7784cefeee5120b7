package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/** Evaluation helpers on class scores (no gradients involved). */
public final class Metrics {
    private Metrics() {
    }

    /**
     * The index of the largest score in each row of {@code scores} [N, C] (the first on ties).
     *
     * @param scores the scores [N, C]
     * @return the index of the largest score in each row of {@code scores} [N, C] (the first on ties)
     */
    public static int[] argmax(Tensor scores) {
        Objects.requireNonNull(scores, "argmax: scores are null");
        int[] s = scores.shape();
        if (s.length != 2 || s[1] == 0) {
            throw new IllegalArgumentException("argmax: expects scores of shape [N, C] with C > 0, got " + Arrays.toString(s));
        }
        double[] d = scores.toArray();
        int[] out = new int[s[0]];
        for (int i = 0; i < s[0]; i++) {
            int best = 0;
            for (int c = 1; c < s[1]; c++) {
                if (d[i * s[1] + c] > d[i * s[1] + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * The fraction of rows of {@code scores} [N, C] whose largest score is at the label.
     *
     * @param scores the scores [N, C]
     * @param labels the class of each sample
     * @return the fraction of rows of {@code scores} [N, C] whose largest score is at the label
     */
    public static double accuracy(Tensor scores, int[] labels) {
        Objects.requireNonNull(labels, "accuracy: labels are null");
        int[] predicted = argmax(scores);
        if (predicted.length != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("accuracy: " + predicted.length + " score rows but " + labels.length
                    + " labels");
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
