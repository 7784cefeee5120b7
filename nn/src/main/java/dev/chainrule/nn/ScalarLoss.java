package dev.chainrule.nn;

import dev.chainrule.autograd.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Losses on scalar {@link Value}s, built from graph ops so the engine differentiates them.
 * Each takes predictions and targets of the same length.
 */
public final class ScalarLoss {
    private ScalarLoss() {
    }

    /**
     * ½ Σ (tᵢ − oᵢ)², the lecture notes' E (its gradient in oᵢ is oᵢ − tᵢ).
     *
     * @param outputs the model's outputs
     * @param targets the targets, one per output
     * @return the loss node
     */
    public static Value halfSumSquaredError(List<Value> outputs, double... targets) {
        List<Value> d = differences("halfSumSquaredError", outputs, targets);
        return Value.dot(d, d).mul(0.5);
    }

    /**
     * Mean (or sum) of (oᵢ − tᵢ)².
     *
     * @param outputs the model's outputs
     * @param targets the targets, one per output
     * @param reduction how the per-element losses combine
     * @return the loss node
     */
    public static Value mse(List<Value> outputs, double[] targets, Reduction reduction) {
        List<Value> d = differences("mse", outputs, targets);
        return reduce(Value.dot(d, d), d.size(), reduction);
    }

    /**
     * {@link #mse(List, double[], Reduction)} with the mean.
     *
     * @param outputs the model's outputs
     * @param targets the targets, one per output
     * @return the loss node
     */
    public static Value mse(List<Value> outputs, double... targets) {
        return mse(outputs, targets, Reduction.MEAN);
    }

    /**
     * Max-margin loss Σ max(0, 1 − yᵢ·sᵢ) for labels yᵢ ∈ {−1, +1}, mean or sum.
     *
     * @param scores the scores
     * @param labels the labels, -1 or +1
     * @param reduction how the per-element losses combine
     * @return the loss node
     */
    public static Value hinge(List<Value> scores, double[] labels, Reduction reduction) {
        check("hinge", scores, labels);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 1 && labels[i] != -1) {
                throw new IllegalArgumentException("hinge: labels must be -1 or +1, got " + labels[i] + " at " + i);
            }
        }
        List<Value> terms = terms("hinge", scores, labels, (s, y) -> s.mul(-y).add(1).relu());
        return reduce(Value.sum(terms), terms.size(), reduction);
    }

    /**
     * Binary cross-entropy on probabilities pᵢ ∈ (0, 1): −Σ tᵢ log pᵢ + (1 − tᵢ) log(1 − pᵢ).
     *
     * @param probabilities the predicted probabilities
     * @param targets the targets in [0, 1], one per probability
     * @param reduction how the per-element losses combine
     * @return the loss node
     */
    public static Value binaryCrossEntropy(List<Value> probabilities, double[] targets, Reduction reduction) {
        List<Value> terms = terms("binaryCrossEntropy", probabilities, targets,
                (p, t) -> p.log().mul(-t).sub(p.neg().add(1).log().mul(1 - t)));
        return reduce(Value.sum(terms), terms.size(), reduction);
    }

    /**
     * Binary cross-entropy on logits, stable for any logit: softplus(x) − t·x, which equals
     * the cross-entropy of sigmoid(x) without ever taking log of 0.
     *
     * @param logits the unnormalised scores
     * @param targets the targets in [0, 1], one per logit
     * @param reduction how the per-element losses combine
     * @return the loss node
     */
    public static Value binaryCrossEntropyWithLogits(List<Value> logits, double[] targets, Reduction reduction) {
        List<Value> terms = terms("binaryCrossEntropyWithLogits", logits, targets,
                (x, t) -> x.softplus().sub(x.mul(t)));
        return reduce(Value.sum(terms), terms.size(), reduction);
    }

    /**
     * Cross-entropy of one sample's logits against class {@code label}:
     * log Σ exp(xⱼ) − x_label, computed stably (the largest logit is subtracted first, as a
     * constant, which changes neither the value nor the gradient).
     *
     * @param logits the logits (one list per sample in the batch form)
     * @param label the sample's class
     * @return the loss node
     */
    public static Value crossEntropy(List<Value> logits, int label) {
        Objects.requireNonNull(logits, "crossEntropy: logits are null");
        if (logits.isEmpty()) {
            throw new IllegalArgumentException("crossEntropy: no logits");
        }
        if (label < 0 || label >= logits.size()) {
            throw new IllegalArgumentException("crossEntropy: label " + label + " is not a class index in 0.."
                    + (logits.size() - 1));
        }
        double m = Double.NEGATIVE_INFINITY;
        for (Value x : logits) {
            m = Math.max(m, Objects.requireNonNull(x, "crossEntropy: a logit is null").data());
        }
        List<Value> shifted = new ArrayList<>(logits.size());
        for (Value x : logits) {
            shifted.add(x.sub(m).exp());
        }
        return Value.sum(shifted).log().add(m).sub(logits.get(label));
    }

    /**
     * Cross-entropy over a batch: one logit list and one label per sample, mean or sum.
     *
     * @param logits the logits (one list per sample in the batch form)
     * @param labels the class of each sample
     * @param reduction how the per-element losses combine
     * @return the loss node
     */
    public static Value crossEntropy(List<List<Value>> logits, int[] labels, Reduction reduction) {
        Objects.requireNonNull(logits, "crossEntropy: logits are null");
        Objects.requireNonNull(labels, "crossEntropy: labels are null");
        if (logits.size() != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("crossEntropy: " + logits.size() + " samples but " + labels.length
                    + " labels");
        }
        List<Value> terms = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            terms.add(crossEntropy(logits.get(i), labels[i]));
        }
        return reduce(Value.sum(terms), terms.size(), reduction);
    }

    private static Value reduce(Value sum, int n, Reduction reduction) {
        Objects.requireNonNull(reduction, "loss: reduction is null");
        return reduction == Reduction.SUM ? sum : sum.div(n);
    }

    private static List<Value> differences(String op, List<Value> outputs, double[] targets) {
        return terms(op, outputs, targets, Value::sub);
    }

    /** {@code term(oᵢ, tᵢ)} for each prediction and its target, after checking the two match up. */
    private static List<Value> terms(String op, List<Value> outputs, double[] targets,
                                     BiFunction<Value, Double, Value> term) {
        check(op, outputs, targets);
        List<Value> out = new ArrayList<>(targets.length);
        for (int i = 0; i < targets.length; i++) {
            out.add(term.apply(outputs.get(i), targets[i]));
        }
        return out;
    }

    private static void check(String op, List<Value> outputs, double[] targets) {
        Objects.requireNonNull(outputs, () -> op + ": predictions are null");
        Objects.requireNonNull(targets, () -> op + ": targets are null");
        if (outputs.size() != targets.length) {
            throw new IllegalArgumentException(op + ": " + outputs.size() + " predictions but " + targets.length
                    + " targets");
        }
        if (targets.length == 0) {
            throw new IllegalArgumentException(op + ": no predictions");
        }
    }
}
