package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Losses on scalar {@link Value}s, built from graph ops so the engine differentiates them.
 * Each takes predictions and targets of the same length and gives the same value and
 * gradient as its {@link Loss} twin on a tensor of those numbers. A single {@code Value}
 * cannot hold {@link Reduction#NONE}'s per-sample losses: the {@code ...Terms} methods
 * return them as a list (the reducing methods refuse NONE and name the one to call).
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
        return reduce("mse", mseTerms(outputs, targets), reduction);
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
     * The unreduced squared errors, {@link Reduction#NONE} of {@link #mse(List, double[], Reduction)}.
     *
     * @param outputs predictions
     * @param targets one target per prediction
     * @return (oᵢ − tᵢ)² for each i
     */
    public static List<Value> mseTerms(List<Value> outputs, double[] targets) {
        return terms("mse", outputs, targets, (o, t) -> {
            Value d = o.sub(t);
            return d.mul(d);
        });
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
        return reduce("hinge", hingeTerms(scores, labels), reduction);
    }

    /**
     * The unreduced hinge terms, {@link Reduction#NONE} of {@link #hinge(List, double[], Reduction)}.
     *
     * @param scores scores sᵢ
     * @param labels labels yᵢ ∈ {−1, +1}
     * @return max(0, 1 − yᵢ·sᵢ) for each i
     */
    public static List<Value> hingeTerms(List<Value> scores, double[] labels) {
        check("hinge", scores, labels);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 1 && labels[i] != -1) {
                throw new IllegalArgumentException("hinge: labels must be -1 or +1, got " + labels[i] + " at " + i);
            }
        }
        return terms("hinge", scores, labels, (s, y) -> s.mul(-y).add(1).relu());
    }

    /**
     * Binary cross-entropy on probabilities pᵢ ∈ [0, 1]: −Σ tᵢ log pᵢ + (1 − tᵢ) log(1 − pᵢ),
     * each log floored at −100 as PyTorch (and {@link Loss#binaryCrossEntropy}) do, so p = 0
     * or 1 gives a finite loss; probabilities outside [0, 1] are refused.
     *
     * @param probabilities the predicted probabilities
     * @param targets the targets in [0, 1], one per probability
     * @param reduction how the per-element losses combine
     * @return the loss node
     */
    public static Value binaryCrossEntropy(List<Value> probabilities, double[] targets, Reduction reduction) {
        return reduce("binaryCrossEntropy", binaryCrossEntropyTerms(probabilities, targets), reduction);
    }

    /**
     * The unreduced terms of {@link #binaryCrossEntropy(List, double[], Reduction)}.
     *
     * @param probabilities pᵢ ∈ [0, 1]
     * @param targets       tᵢ ∈ [0, 1]
     * @return −(tᵢ·log max(pᵢ, e^−100) + (1 − tᵢ)·log max(1 − pᵢ, e^−100)) for each i
     */
    public static List<Value> binaryCrossEntropyTerms(List<Value> probabilities, double[] targets) {
        check("binaryCrossEntropy", probabilities, targets);
        for (int i = 0; i < targets.length; i++) {
            double p = Objects.requireNonNull(probabilities.get(i), "binaryCrossEntropy: a probability is null").data();
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("binaryCrossEntropy: probability " + p + " at " + i
                        + " is outside [0, 1] (for raw scores use binaryCrossEntropyWithLogits)");
            }
        }
        // the floor on the argument, not the log, keeps the gradient finite (0 rather than 0·∞)
        return terms("binaryCrossEntropy", probabilities, targets,
                (p, t) -> p.maximum(Loss.MIN_PROBABILITY).log().mul(-t)
                        .sub(p.neg().add(1).maximum(Loss.MIN_PROBABILITY).log().mul(1 - t)));
    }

    /**
     * Binary cross-entropy on logits, stable for any logit: (1 − t)·x + softplus(−x), which
     * equals the cross-entropy of sigmoid(x) without ever taking log of 0.
     *
     * @param logits the unnormalised scores
     * @param targets the targets in [0, 1], one per logit
     * @param reduction how the per-element losses combine
     * @return the loss node
     */
    public static Value binaryCrossEntropyWithLogits(List<Value> logits, double[] targets, Reduction reduction) {
        return reduce("binaryCrossEntropyWithLogits", binaryCrossEntropyWithLogitsTerms(logits, targets), reduction);
    }

    /**
     * The unreduced terms of {@link #binaryCrossEntropyWithLogits(List, double[], Reduction)}.
     *
     * @param logits  xᵢ
     * @param targets tᵢ ∈ [0, 1]
     * @return (1 − tᵢ)·xᵢ + softplus(−xᵢ) for each i
     */
    public static List<Value> binaryCrossEntropyWithLogitsTerms(List<Value> logits, double[] targets) {
        return binaryCrossEntropyWithLogitsTerms(logits, targets, BinaryCrossEntropyOptions.defaults());
    }

    /**
     * Binary cross-entropy on logits with PyTorch's weight and posWeight, the same value and
     * gradient as {@link Loss#binaryCrossEntropyWithLogits(Tensor,
     * Tensor, BinaryCrossEntropyOptions)} on the 1-D tensor of these logits.
     *
     * @param logits  xᵢ
     * @param targets tᵢ ∈ [0, 1]
     * @param options weight and posWeight (each of shape [], [1] or [n]), reduction (MEAN or SUM;
     *                NONE: {@link #binaryCrossEntropyWithLogitsTerms(List, double[], BinaryCrossEntropyOptions)})
     * @return the loss
     */
    public static Value binaryCrossEntropyWithLogits(List<Value> logits, double[] targets,
                                                     BinaryCrossEntropyOptions options) {
        Objects.requireNonNull(options, "binaryCrossEntropyWithLogits: options are null");
        return reduce("binaryCrossEntropyWithLogits", binaryCrossEntropyWithLogitsTerms(logits, targets, options),
                options.reduction());
    }

    /**
     * The unreduced terms of {@link #binaryCrossEntropyWithLogits(List, double[], BinaryCrossEntropyOptions)}
     * (its reduction is not used).
     *
     * @param logits  xᵢ
     * @param targets tᵢ ∈ [0, 1]
     * @param options weight wᵢ and posWeight pᵢ
     * @return wᵢ·((1 − tᵢ)·xᵢ + (1 + (pᵢ − 1)·tᵢ)·softplus(−xᵢ)) for each i
     */
    public static List<Value> binaryCrossEntropyWithLogitsTerms(List<Value> logits, double[] targets,
                                                                BinaryCrossEntropyOptions options) {
        String op = "binaryCrossEntropyWithLogits";
        Objects.requireNonNull(options, "binaryCrossEntropyWithLogits: options are null");
        check(op, logits, targets);
        double[] w = perElement(op, "weight", options.weight(), targets.length);
        double[] p = perElement(op, "posWeight", options.posWeight(), targets.length);
        List<Value> out = new ArrayList<>(targets.length);
        for (int i = 0; i < targets.length; i++) {
            Value x = Objects.requireNonNull(logits.get(i), "binaryCrossEntropyWithLogits: a logit is null");
            double t = targets[i];
            Value softplusNeg = x.neg().softplus();
            Value term = x.mul(1 - t).add(p == null ? softplusNeg : softplusNeg.mul(1 + (p[i] - 1) * t));
            out.add(w == null ? term : term.mul(w[i]));
        }
        return out;
    }

    /** A weight of shape [], [1] or [n] as n numbers, null without one. */
    private static double[] perElement(String op, String name, Tensor w, int n) {
        if (w == null) {
            return null;
        }
        if (w.dim() > 1 || (w.size() != 1 && w.size() != n)) {
            throw new IllegalArgumentException(op + ": " + name + " of shape " + Arrays.toString(w.shape())
                    + " does not broadcast to the " + n + " predictions (expected [], [1] or [" + n + "])");
        }
        double[] d = w.toArray();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = d[d.length == 1 ? 0 : i];
        }
        return out;
    }

    /**
     * Cross-entropy of one sample's logits against class {@code label}: log Σ exp(xⱼ) − x_label, computed stably.
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
        return logSumExp(logits).sub(logits.get(label));
    }

    /**
     * log Σ exp(xⱼ), stable: the largest logit is subtracted first, as a constant, which
     * changes neither the value nor the gradient.
     */
    private static Value logSumExp(List<Value> logits) {
        double m = Double.NEGATIVE_INFINITY;
        for (Value x : logits) {
            m = Math.max(m, Objects.requireNonNull(x, "crossEntropy: a logit is null").data());
        }
        List<Value> shifted = new ArrayList<>(logits.size());
        for (Value x : logits) {
            shifted.add(x.sub(m).exp());
        }
        return Value.sum(shifted).log().add(m);
    }

    /**
     * Cross-entropy over a batch: one logit list and one label per sample, mean or sum; a
     * label of −100 is ignored, as in {@link Loss#crossEntropy(Tensor, int[], Reduction)}.
     *
     * @param logits the logits (one list per sample in the batch form)
     * @param labels the class of each sample
     * @param reduction how the per-element losses combine
     * @return the loss node
     */
    public static Value crossEntropy(List<List<Value>> logits, int[] labels, Reduction reduction) {
        return crossEntropy(logits, labels, CrossEntropyOptions.defaults().reduction(reduction));
    }

    /**
     * Cross-entropy over a batch with PyTorch's options, the same value and gradient as
     * {@link Loss#crossEntropy(Tensor, int[], CrossEntropyOptions)} on the
     * [N, C] tensor of these logits: class weights, ignoreIndex, label smoothing; the mean divides
     * by the summed weights of the labels kept (all ignored: NaN, with a zero gradient).
     *
     * @param logits  one list of C logits per sample
     * @param labels  one class index (or the ignore index) per sample
     * @param options weight, ignoreIndex, labelSmoothing, reduction (MEAN or SUM; NONE: {@link #crossEntropyTerms(List, int[], CrossEntropyOptions)})
     * @return the loss
     */
    public static Value crossEntropy(List<List<Value>> logits, int[] labels, CrossEntropyOptions options) {
        Objects.requireNonNull(options, "crossEntropy: options are null");
        double[] total = new double[2];
        List<Value> terms = classTerms(logits, labels, options, total);
        Reduction r = options.nll().reduction();
        if (r != Reduction.MEAN) {
            return reduce("crossEntropy", terms, r);
        }
        Value sum = reduce("crossEntropy", terms, Reduction.SUM);
        // every label ignored: 0/0 = NaN, with the zero gradient PyTorch (and the tensor loss) give, not ∞·0
        return total[1] == 0 ? sum.mul(0.0).add(Double.NaN) : sum.div(total[0]);
    }

    /**
     * The per-sample cross-entropies, {@link Reduction#NONE} of {@link #crossEntropy(List, int[], Reduction)}.
     *
     * @param logits one logit list per sample
     * @param labels one class index per sample (−100 is ignored: its term is 0)
     * @return the cross-entropy of each sample
     */
    public static List<Value> crossEntropyTerms(List<List<Value>> logits, int[] labels) {
        return crossEntropyTerms(logits, labels, CrossEntropyOptions.defaults());
    }

    /**
     * The per-sample terms of {@link #crossEntropy(List, int[], CrossEntropyOptions)} (its reduction is not used).
     *
     * @param logits  one list of C logits per sample
     * @param labels  one class index (or the ignore index) per sample
     * @param options weight, ignoreIndex, labelSmoothing
     * @return (1 − ε)·w[y]·(−log p_y) + (ε/C)·Σ_c w_c·(−log p_c) per sample, 0 where ignored
     */
    public static List<Value> crossEntropyTerms(List<List<Value>> logits, int[] labels, CrossEntropyOptions options) {
        return classTerms(logits, labels, Objects.requireNonNull(options, "crossEntropy: options are null"),
                new double[2]);
    }

    /** The per-sample cross-entropy terms; {@code total} receives the summed weights of the labels kept and their count. */
    private static List<Value> classTerms(List<List<Value>> logits, int[] labels, CrossEntropyOptions o,
                                          double[] total) {
        Objects.requireNonNull(logits, "crossEntropy: logits are null");
        Objects.requireNonNull(labels, "crossEntropy: labels are null");
        if (logits.size() != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("crossEntropy: " + logits.size() + " samples but " + labels.length
                    + " labels");
        }
        int c = Objects.requireNonNull(logits.get(0), "crossEntropy: sample 0 is null").size();
        double[] w = o.nll().weight();
        if (w != null && w.length != c) {
            throw new IllegalArgumentException("crossEntropy: weight has " + w.length + " entries but the samples have "
                    + c + " classes; expected one weight per class");
        }
        double eps = o.labelSmoothing();
        List<Value> terms = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            List<Value> x = Objects.requireNonNull(logits.get(i), "crossEntropy: a sample is null");
            if (x.size() != c) {
                throw new IllegalArgumentException("crossEntropy: sample " + i + " has " + x.size()
                        + " logits but sample 0 has " + c);
            }
            int y = labels[i];
            if (y == o.nll().ignoreIndex()) {
                // 0, but connected to the logits: an all-ignored batch then backpropagates zeros, as the tensor loss
                Value x0 = Objects.requireNonNull(x.get(0), "crossEntropy: a logit is null");
                terms.add(Double.isFinite(x0.data()) ? x0.mul(0.0) : Value.constant(0));
                continue;
            }
            if (y < 0 || y >= c) {
                throw new IllegalArgumentException("crossEntropy: label " + y + " of sample " + i
                        + " is not a class index in 0.." + (c - 1) + " nor the ignore index " + o.nll().ignoreIndex());
            }
            Value lse = logSumExp(x);
            double wy = w == null ? 1 : w[y];
            Value term = w == null ? lse.sub(x.get(y)) : lse.sub(x.get(y)).mul(wy);
            if (eps != 0) {
                List<Value> smooth = new ArrayList<>(c);
                for (int j = 0; j < c; j++) {
                    smooth.add(w == null ? lse.sub(x.get(j)) : lse.sub(x.get(j)).mul(w[j]));
                }
                term = term.mul(1 - eps).add(Value.sum(smooth).mul(eps / c));
            }
            terms.add(term);
            total[0] += wy;
            total[1]++;
        }
        return terms;
    }

    private static Value reduce(String op, List<Value> terms, Reduction reduction) {
        Objects.requireNonNull(reduction, () -> op + ": reduction is null");
        if (reduction == Reduction.NONE) {
            throw new IllegalArgumentException(op + ": Reduction.NONE gives one loss per sample, which a single "
                    + "Value cannot hold; call ScalarLoss." + op + "Terms for the list");
        }
        Value sum = Value.sum(terms);
        return reduction == Reduction.SUM ? sum : sum.div(terms.size());
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
