package dev.chainrule.nn.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules behind {@link GradientMonitor#diagnose()}, each a threshold on the records of the
 * second half of training (the first half is the model finding its feet):
 * <ul>
 * <li>divergence: a loss or gradient norm that is NaN or infinite;</li>
 * <li>exploding: a layer whose update moved its weights by more than {@value #EXPLODING_RATIO}
 *     of their norm in one step after the first {@value #WARM_UP_STEPS}, or by more than
 *     {@value #EXPLODING_ONCE} once, or whose gradient norm exceeded {@value #EXPLODING_GRAD}
 *     times its weight norm, at any step of the run (an explosion is over quickly; a healthy
 *     update is about 1e-3 of the weights, and one large first step of a fresh model, as with
 *     batch norm at a high learning rate, is not an explosion);</li>
 * <li>vanishing: the first layer's median gradient norm below {@value #VANISHING_RATIO} of the
 *     largest layer's (three or more layers), unless dead units explain it (a dead ReLU passes
 *     no gradient back, which the dead-units finding names);</li>
 * <li>dead units: a ReLU layer with more than half its units 0 for a whole batch (mean);</li>
 * <li>saturation: a sigmoid/tanh layer with more than half its outputs within 2 % of a limit;</li>
 * <li>overfitting: the held-out loss of the last evaluation and the mean of the last three more
 *     than 10 % (and 0.05) above its earlier minimum while the training loss kept falling (a
 *     model put back to its best weights, as early stopping does, is not overfitting);</li>
 * <li>slow convergence: the loss still falls at the end but has lost less than
 *     {@value #SLOW_DROP} of its start (and has not stalled);</li>
 * <li>plateau or local minimum: the loss is still above half its start, and over the second
 *     half it has fallen by less than 1 % or by less than {@value #STALL_RATIO} of what it fell
 *     in the first half (progress stalled, as opposed to slow convergence, whose loss keeps
 *     falling at its own pace). One run cannot tell a plateau from a local minimum, nor a poor
 *     local minimum from the best the model can reach: random restarts can.</li>
 * </ul>
 */
final class Diagnoser {
    static final double EXPLODING_RATIO = 0.5;
    /** A fresh model's first steps move its weights most (a residual sigmoid net's last layer by 1.7×). */
    static final int WARM_UP_STEPS = 5;
    static final double EXPLODING_ONCE = 5;
    static final double EXPLODING_GRAD = 1e3; // gradient norm over weight norm
    static final double VANISHING_RATIO = 1e-3;
    static final double SLOW_DROP = 0.3;
    /** Progress has stalled when the second half of training takes off less than this share of what the first did. */
    static final double STALL_RATIO = 0.25;
    private final List<String> layers;
    private final List<LayerRecord> records;
    private final List<Double> losses;
    private final List<double[]> heldOut;
    private final List<Finding> findings = new ArrayList<>();

    Diagnoser(List<String> layers, List<LayerRecord> records, List<Double> losses, List<double[]> heldOut) {
        this.layers = layers;
        this.records = records;
        this.losses = losses;
        this.heldOut = heldOut;
    }

    Diagnosis diagnose() {
        int n = losses.size();
        if (n == 0) {
            return new Diagnosis(List.of());
        }
        int from = n / 2;
        int L = layers.size();
        if (divergence()) {
            // NaN poisons every other statistic; only the explosion before it is worth telling
            exploding();
            return new Diagnosis(findings);
        }
        double[] grad = new double[L];
        double[] ratio = new double[L];
        double[] dead = new double[L];
        double[] sat = new double[L];
        for (int k = 0; k < L; k++) {
            grad[k] = median(column(k, from, r -> r.gradNorm()));
            ratio[k] = median(column(k, from, r -> r.updateRatio()));
            dead[k] = mean(column(k, from, r -> r.dead()));
            sat[k] = mean(column(k, from, r -> r.saturated()));
        }
        exploding();
        List<String> deadLayers = new ArrayList<>();
        List<String> satLayers = new ArrayList<>();
        for (int k = 0; k < L; k++) {
            if (dead[k] > 0.5) {
                deadLayers.add(String.format("%s %.0f %%", layers.get(k), 100 * dead[k]));
            }
            if (sat[k] > 0.5) {
                satLayers.add(String.format("%s %.0f %%", layers.get(k), 100 * sat[k]));
            }
        }
        if (deadLayers.isEmpty()) {
            vanishing(grad);
        } else {
            findings.add(new Finding(Problem.DEAD_UNITS, "units 0 for every example of a batch: " + deadLayers));
        }
        if (!satLayers.isEmpty()) {
            findings.add(new Finding(Problem.SATURATION, "outputs within 2 % of the sigmoid/tanh limits: " + satLayers));
        }
        overfitting();
        convergence(from);
        return new Diagnosis(findings);
    }

    private boolean divergence() {
        for (int i = 0; i < losses.size(); i++) {
            if (!Double.isFinite(losses.get(i))) {
                findings.add(new Finding(Problem.DIVERGENCE, "loss " + losses.get(i) + " at step " + i
                        + (i > 0 ? " (step " + (i - 1) + ": " + losses.get(i - 1) + ")" : "")));
                return true;
            }
        }
        for (LayerRecord r : records) {
            if (!Double.isFinite(r.gradNorm()) || !Double.isFinite(r.weightNorm())) {
                findings.add(new Finding(Problem.DIVERGENCE, "layer " + r.layer() + " has gradient norm " + r.gradNorm()
                        + ", weight norm " + r.weightNorm() + " at step " + r.step()));
                return true;
            }
        }
        return false;
    }

    /** Looks at every step: an explosion is over in a few steps, and what follows it is wreckage. */
    private void exploding() {
        List<String> bad = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            double maxRatio = 0;
            double maxGrad = 0;
            double maxGradToWeight = 0;
            int ratioStep = -1;
            boolean late = false; // a large update after the warm-up
            for (int i = k; i < records.size(); i += layers.size()) {
                LayerRecord r = records.get(i);
                late |= r.updateRatio() > EXPLODING_RATIO && r.step() > WARM_UP_STEPS;
                if (Double.isFinite(r.updateRatio()) && r.updateRatio() > maxRatio) {
                    maxRatio = r.updateRatio();
                    ratioStep = r.step();
                }
                if (Double.isFinite(r.gradNorm())) {
                    maxGrad = Math.max(maxGrad, r.gradNorm());
                    if (r.weightNorm() > 0) {
                        maxGradToWeight = Math.max(maxGradToWeight, r.gradNorm() / r.weightNorm());
                    }
                }
            }
            if (late || maxRatio > EXPLODING_ONCE || maxGradToWeight > EXPLODING_GRAD) {
                bad.add(String.format("%s (update/weight up to %.3g%s, gradient norm up to %.3g, %.3g × the weight "
                        + "norm)", layers.get(k), maxRatio, ratioStep < 0 ? "" : " at step " + ratioStep, maxGrad,
                        maxGradToWeight));
            }
        }
        if (!bad.isEmpty()) {
            findings.add(new Finding(Problem.EXPLODING_GRADIENTS, "a healthy update is about 1e-3 of the weights: "
                    + bad));
        }
    }

    private void vanishing(double[] grad) {
        if (grad.length < 3) {
            return;
        }
        double max = Arrays.stream(grad).max().orElse(0);
        if (max > 0 && grad[0] < VANISHING_RATIO * max) {
            StringBuilder b = new StringBuilder("median gradient norm per layer, input first:");
            for (int k = 0; k < grad.length; k++) {
                b.append(String.format(" %s %.2g", layers.get(k), grad[k]));
            }
            findings.add(new Finding(Problem.VANISHING_GRADIENTS, String.format(
                    "the first layer gets %.2g of the largest layer's gradient (%s)", grad[0] / max, b)));
        }
    }

    private void overfitting() {
        if (heldOut.size() < 3) {
            return;
        }
        int best = 0;
        for (int i = 1; i < heldOut.size(); i++) {
            if (heldOut.get(i)[2] < heldOut.get(best)[2]) {
                best = i;
            }
        }
        double[] last = heldOut.get(heldOut.size() - 1);
        double[] min = heldOut.get(best);
        // the mean of the last three evaluations, so that one noisy evaluation is not a trend
        double recent = (heldOut.get(heldOut.size() - 1)[2] + heldOut.get(heldOut.size() - 2)[2]
                + heldOut.get(heldOut.size() - 3)[2]) / 3;
        if (best < heldOut.size() - 3 && recent > 1.1 * min[2] && last[2] > 1.1 * min[2] && recent - min[2] > 0.05 && last[1] < min[1]) {
            findings.add(new Finding(Problem.OVERFITTING, String.format("held-out loss %.4g at step %.0f, %.4g at its "
                    + "minimum at step %.0f, while the training loss fell from %.4g to %.4g",
                    last[2], last[0], min[2], min[0], min[1], last[1])));
        }
    }

    private void convergence(int from) {
        int n = losses.size();
        if (n < 20) {
            return;
        }
        int w = Math.max(1, n / 10);
        double start = meanLoss(0, w);
        double end = meanLoss(n - w, n);
        double half = meanLoss(from, from + w);
        double before = meanLoss(n - 2 * w, n - w);
        double firstHalf = start - half;
        double secondHalf = half - end;
        boolean flat = secondHalf <= 0.01 * half;
        boolean stalled = firstHalf > 0 && secondHalf < STALL_RATIO * firstHalf;
        if (end > 0.5 * start && (flat || stalled)) {
            findings.add(new Finding(Problem.LOCAL_MINIMUM, String.format("the loss stays at %.4g (%.0f %% of its start "
                    + "%.4g): the second half of the %d steps took off %.3g, the first half %.3g (one run cannot "
                    + "tell a plateau from a local minimum, nor either from the best this model can do: compare "
                    + "random restarts)", end, 100 * end / start, start, n, secondHalf, firstHalf)));
        } else if (end > (1 - SLOW_DROP) * start && end < before * 0.999 && secondHalf > 0.01 * half) {
            findings.add(new Finding(Problem.SLOW_CONVERGENCE, String.format("the loss still falls (%.4g → %.4g over "
                    + "the last %d steps) but is %.0f %% of its start %.4g after %d steps", before, end, w,
                    100 * end / start, start, n)));
        }
    }

    private double meanLoss(int a, int b) {
        double s = 0;
        for (int i = a; i < b; i++) {
            s += losses.get(i);
        }
        return s / (b - a);
    }

    private interface Field {
        double of(LayerRecord r);
    }

    /** One layer's field over the measured steps from {@code fromStep} on (records hold the layers of a step in order). */
    private double[] column(int layer, int fromStep, Field f) {
        int L = layers.size();
        List<Double> out = new ArrayList<>();
        for (int i = layer; i < records.size(); i += L) {
            if (records.get(i).step() >= fromStep) {
                out.add(f.of(records.get(i)));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(double[] a) {
        double[] b = Arrays.stream(a).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return b.length == 0 ? Double.NaN : b[b.length / 2];
    }

    private static double mean(double[] a) {
        double[] b = Arrays.stream(a).filter(v -> !Double.isNaN(v)).toArray();
        return b.length == 0 ? Double.NaN : Arrays.stream(b).average().orElse(Double.NaN);
    }
}
