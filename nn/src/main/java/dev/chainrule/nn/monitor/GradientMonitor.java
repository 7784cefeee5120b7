package dev.chainrule.nn.monitor;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Watches a model train without changing its code and says what goes wrong:
 * <pre>{@code
 * GradientMonitor monitor = GradientMonitor.attach(model);
 * for (...) {
 *     Tensor loss = ...; loss.backward();
 *     monitor.step(loss.item());        // after backward (and clipping), before optimizer.step()
 *     optimizer.step();
 * }
 * monitor.heldOut(trainLoss, validationLoss);   // now and then, for overfitting
 * System.out.println(monitor.diagnose());
 * monitor.writeCsv(Path.of("monitor.csv"));
 * }</pre>
 * Layers are the 2-d parameters named {@code *.weight}, in the model's order (input first).
 * Hidden activations arrive through {@link Module#observeActivations}; the k-th activation of
 * a training forward pass is credited to the k-th layer (true of {@link dev.chainrule.nn.MLP} and
 * of a {@link dev.chainrule.nn.Sequential} of Linear, activation, Linear, …). Per step it copies
 * each weight and gradient once and reads each activation once: cheap next to the step.
 *
 * <p>The monitor watches the model's parameters by name and looks them up at every step, so
 * it follows {@link Module#to(dev.chainrule.autograd.DType)}: attached before a conversion, it
 * records the converted tensors afterwards (an update ratio across the conversion compares the
 * old numbers with the converted ones, which differ only by the rounding).
 */
public final class GradientMonitor {
    private static final double SATURATION_MARGIN = 0.02;
    private final Module model;
    /** Layer name to the weight's parameter name: looked up afresh each step, so Module.to is followed. */
    private final Map<String, String> weights = new LinkedHashMap<>();
    private final List<String> layers;
    private final List<LayerRecord> records = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<double[]> heldOut = new ArrayList<>();
    private final List<double[]> activationStats = new ArrayList<>(); // this step's, one per activation
    private double[][] previousWeights;
    private double[] previousNorms;
    private int step;
    private int every = 1;

    private GradientMonitor(Module model) {
        this.model = Objects.requireNonNull(model, "GradientMonitor: model is null");
        for (Map.Entry<String, Tensor> e : model.namedTensors().entrySet()) {
            if (e.getKey().endsWith("weight") && e.getValue().dim() == 2) {
                String name = e.getKey().equals("weight") ? "weight" : e.getKey().substring(0, e.getKey().length() - 7);
                weights.put(name, e.getKey());
            }
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("GradientMonitor: " + model + " has no 2-d *.weight parameters to watch");
        }
        this.layers = List.copyOf(weights.keySet());
        model.observeActivations(this::observe);
    }

    /**
     * Attaches a monitor to {@code model} (replacing any other activation observer).
     *
     * @param model the model to watch
     * @return the attached monitor
     */
    public static GradientMonitor attach(Module model) {
        return new GradientMonitor(model);
    }

    /**
     * Measures the layers at every {@code n}-th step only (the loss at every step), which
     * divides the monitor's cost by about n; the update ratio of a measured step stays exact
     * (the weights are copied the step before). Default 1; returns this.
     *
     * @param n steps between measurements, &gt;= 1
     *
     * @return this
     */
    public GradientMonitor every(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("GradientMonitor.every: n must be >= 1, got " + n);
        }
        this.every = n;
        return this;
    }

    private boolean measured(int s) {
        return s % every == 0;
    }

    /** Stops observing the model's activations; the records stay. */
    public void detach() {
        model.observeActivations(null);
    }

    private void observe(Module source, Activation activation, Tensor output) {
        if (!source.isTraining() || !GradMode.isEnabled() || !measured(step)) {
            return; // evaluation passes (eval mode or no graph) are not training steps; unmeasured steps cost nothing
        }
        double[] a = output.toArray();
        int[] shape = output.shape();
        int units = shape.length == 0 ? 1 : shape[shape.length - 1];
        double mean = Sums.sum(a) / a.length;
        double std = Math.sqrt(Math.max(0, Sums.sumOfSquares(a) / a.length - mean * mean));
        double sat = Double.NaN;
        double dead = Double.NaN;
        if (activation == Activation.SIGMOID) {
            sat = (double) Sums.countOutside(a, SATURATION_MARGIN, 1 - SATURATION_MARGIN) / a.length;
        } else if (activation == Activation.TANH) {
            sat = (double) Sums.countOutside(a, -1 + SATURATION_MARGIN, 1 - SATURATION_MARGIN) / a.length;
        } else if (activation == Activation.RELU) {
            dead = (double) Sums.deadColumns(a, units) / units;
        }
        activationStats.add(new double[] {mean, std, sat, dead});
    }

    /**
     * Records this step: call after backward (and any gradient clipping), before the optimizer
     * steps. Measures the previous step's update from the weights' change since the last call.
     *
     * @param loss the step's training loss
     */
    public void step(double loss) {
        losses.add(loss);
        if (!measured(step)) {
            // the weights before the next measured step's update, for its update ratio
            previousWeights = measured(step + 1) ? copyWeights() : null;
            previousNorms = previousWeights == null ? null : norms(previousWeights);
            activationStats.clear();
            step++;
            return;
        }
        double[][] now = new double[layers.size()][];
        double[] nowNorms = new double[layers.size()];
        Map<String, Tensor> current = model.namedTensors();
        int k = 0;
        for (String name : layers) {
            Tensor w = current.get(weights.get(name));
            now[k] = w.toArray();
            Tensor g = w.grad();
            double gradNorm = g == null ? 0 : Math.sqrt(Sums.sumOfSquares(g.toArray()));
            nowNorms[k] = Math.sqrt(Sums.sumOfSquares(now[k]));
            double ratio = previousWeights == null ? Double.NaN
                    : Math.sqrt(Sums.sumOfSquaredDifferences(now[k], previousWeights[k])) / previousNorms[k];
            double[] act = k < activationStats.size() ? activationStats.get(k)
                    : new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            records.add(new LayerRecord(step, name, gradNorm, nowNorms[k], ratio, act[0], act[1], act[2], act[3]));
            k++;
        }
        previousWeights = every == 1 ? now : null;
        previousNorms = nowNorms;
        activationStats.clear();
        step++;
    }

    /**
     * Records a training and a held-out loss (or error), measured at the current step, so the
     * diagnosis can tell overfitting.
     *
     * @param trainLoss   loss on the training set
     * @param heldOutLoss loss on data the model does not train on
     */
    public void heldOut(double trainLoss, double heldOutLoss) {
        heldOut.add(new double[] {step, trainLoss, heldOutLoss});
    }

    private double[][] copyWeights() {
        double[][] w = new double[layers.size()][];
        Map<String, Tensor> current = model.namedTensors();
        for (int k = 0; k < w.length; k++) {
            w[k] = current.get(weights.get(layers.get(k))).toArray();
        }
        return w;
    }

    private static double[] norms(double[][] ws) {
        double[] n = new double[ws.length];
        for (int k = 0; k < n.length; k++) {
            n[k] = Math.sqrt(Sums.sumOfSquares(ws[k]));
        }
        return n;
    }

    /**
     * The watched layers, input first.
     *
     * @return the watched layers, input first
     */
    public List<String> layers() {
        return layers;
    }

    /**
     * Every record, step by step, layer by layer.
     *
     * @return every record, step by step, layer by layer
     */
    public List<LayerRecord> records() {
        return Collections.unmodifiableList(records);
    }

    /**
     * The training loss of every step.
     *
     * @return the training loss of every step
     */
    public List<Double> losses() {
        return Collections.unmodifiableList(losses);
    }

    /**
     * The number of steps seen (measured or not).
     *
     * @return the number of steps seen (measured or not)
     */
    public int steps() {
        return step;
    }

    /**
     * The records as CSV, with {@link LayerRecord#CSV_HEADER} first.
     *
     * @return the records as CSV, with {@link LayerRecord#CSV_HEADER} first
     */
    public String toCsv() {
        StringBuilder b = new StringBuilder(LayerRecord.CSV_HEADER).append('\n');
        for (LayerRecord r : records) {
            b.append(r.csv()).append('\n');
        }
        return b.toString();
    }

    /**
     * Writes {@link #toCsv()} to {@code path}.
     *
     * @param path the file
     */
    public void writeCsv(Path path) {
        try {
            Files.writeString(path, toCsv());
        } catch (IOException e) {
            throw new UncheckedIOException("GradientMonitor.writeCsv: cannot write " + path, e);
        }
    }

    /**
     * What the records so far show; see {@link Diagnoser} for the rules.
     *
     * @return what the records so far show; see {@link Diagnoser} for the rules
     */
    public Diagnosis diagnose() {
        return new Diagnoser(layers, records, losses, heldOut).diagnose();
    }
}
