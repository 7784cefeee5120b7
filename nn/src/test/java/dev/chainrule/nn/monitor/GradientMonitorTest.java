package dev.chainrule.nn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.ActivationModule;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.optim.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The monitor's records (checked against the tensors by hand), its CSV export, its simplest
 * diagnoses, and what it leaves out: evaluation passes (eval mode or no graph) and the
 * unmeasured steps of {@link GradientMonitor#every}.
 */
class GradientMonitorTest {
    private static final Tensor X = Tensor.constant(new double[] {0.5, -1, 2, 0.3, -0.7, 1.1, 0.2, 0.9}, 4, 2);
    private static final int[] Y = {0, 1, 1, 0};

    @Test
    void recordsMatchTheTensorsAndExportAsCsv() throws IOException {
        Linear first = new Linear(2, 3, Init.HE, new SplittableRandom(1));
        Linear second = new Linear(3, 2, Init.HE, new SplittableRandom(2));
        Sequential model = new Sequential(first, ActivationModule.relu(), second);
        GradientMonitor monitor = GradientMonitor.attach(model);
        SGD opt = SGD.of(model.parameters()).lr(0.1);
        double[] w0 = first.weight().toArray();
        double[] relu = null;
        double gradNorm0 = 0;
        for (int step = 0; step < 2; step++) {
            Tensor h = first.forward(X).relu();
            if (step == 0) {
                relu = h.toArray();
            }
            Tensor loss = Loss.crossEntropy(model.forward(X), Y);
            opt.zeroGrad();
            loss.backward();
            if (step == 0) {
                gradNorm0 = norm(first.weight().grad().toArray());
            }
            monitor.step(loss.item());
            opt.step();
        }
        assertEquals(List.of("0", "2"), monitor.layers());
        List<LayerRecord> rs = monitor.records();
        assertEquals(4, rs.size());
        LayerRecord r0 = rs.get(0);
        assertEquals(gradNorm0, r0.gradNorm(), 1e-12);
        assertEquals(norm(w0), r0.weightNorm(), 1e-12);
        assertTrue(Double.isNaN(r0.updateRatio()), "no update before the first step");
        assertEquals(mean(relu), r0.activationMean(), 1e-12);
        // update ratio at step 1 is the first step's change: lr * grad
        assertEquals(0.1 * gradNorm0 / norm(w0), rs.get(2).updateRatio(), 1e-9);
        assertTrue(Double.isNaN(rs.get(1).activationMean()), "the output layer has no hidden activation");

        Path file = Files.createTempFile("monitor", ".csv");
        try {
            monitor.writeCsv(file);
            List<String> lines = Files.readAllLines(file);
            assertEquals(LayerRecord.CSV_HEADER, lines.get(0));
            assertEquals(5, lines.size());
            String[] cells = lines.get(1).split(",");
            assertEquals(9, cells.length);
            assertEquals("0", cells[0]);
            assertEquals("0", cells[1]);
            assertEquals(gradNorm0, Double.parseDouble(cells[2]), 1e-15);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void nanLossIsDivergence() {
        MLP net = MLP.of(2, 3, 2).seed(1);
        GradientMonitor monitor = GradientMonitor.attach(net);
        Tensor loss = Loss.crossEntropy(net.forward(X), Y);
        loss.backward();
        monitor.step(loss.item());
        monitor.step(Double.NaN);
        Diagnosis d = monitor.diagnose();
        assertTrue(d.names(Problem.DIVERGENCE), d.toString());
        assertTrue(d.toString().contains("step 1"), d.toString());
    }

    @Test
    void healthyTrainingIsHealthyAndDeadUnitsAreCounted() {
        MLP net = MLP.of(2, 8, 2).activation(Activation.RELU).init(Init.HE).seed(3);
        GradientMonitor monitor = GradientMonitor.attach(net);
        SGD opt = SGD.of(net.parameters()).lr(0.1);
        for (int step = 0; step < 40; step++) {
            Tensor loss = Loss.crossEntropy(net.forward(X), Y);
            opt.zeroGrad();
            loss.backward();
            monitor.step(loss.item());
            opt.step();
        }
        Diagnosis d = monitor.diagnose();
        assertFalse(d.names(Problem.DIVERGENCE) || d.names(Problem.EXPLODING_GRADIENTS)
                || d.names(Problem.VANISHING_GRADIENTS), d.toString());
        double dead = monitor.records().get(0).dead();
        assertTrue(dead >= 0 && dead <= 1, "dead fraction " + dead);
        monitor.detach();
        net.forward(X);
        assertEquals(40, monitor.steps());
    }

    @Test
    void evaluationPassesAreNotRecordedAsTrainingActivations() {
        Tensor other = Tensor.constant(new double[] {3, -2, -1, 4, 0.1, 0.1, -3, -3}, 4, 2);
        MLP net = MLP.of(2, 3, 2).activation(Activation.TANH).seed(5);
        GradientMonitor monitor = GradientMonitor.attach(net);
        // before the training forward: an eval-mode pass with a graph and a training-mode pass without one
        net.eval();
        net.forward(other);
        net.train();
        try (var off = GradMode.disabled()) {
            net.forward(other);
        }
        Tensor loss = Loss.crossEntropy(net.forward(X), Y);
        loss.backward();
        monitor.step(loss.item());
        double expected = mean(net.layers().get(0).forward(X).tanh().toArray());
        double evaluated = mean(net.layers().get(0).forward(other).tanh().toArray());
        assertTrue(Math.abs(expected - evaluated) > 0.1, "the two inputs must be told apart");
        List<LayerRecord> rs = monitor.records();
        assertEquals(2, rs.size());
        assertEquals(expected, rs.get(0).activationMean(), 1e-12, "the training pass's activation, not an evaluation's");
        assertTrue(Double.isNaN(rs.get(1).activationMean()), "the output layer has no hidden activation");

        // a step that saw only evaluation passes has gradient and weight records but no activation statistics
        net.eval();
        net.forward(X);
        net.train();
        try (var off = GradMode.disabled()) {
            net.forward(X);
        }
        monitor.step(loss.item());
        LayerRecord r = monitor.records().get(2);
        assertEquals(1, r.step());
        assertTrue(Double.isNaN(r.activationMean()) && Double.isNaN(r.activationStd()) && Double.isNaN(r.saturated()),
                r.toString());
        assertEquals(norm(net.layers().get(0).weight().toArray()), r.weightNorm(), 1e-12);
    }

    @Test
    void everyNthStepRecordsOnlyThoseStepsWithAnExactUpdateRatio() {
        MLP net = MLP.of(2, 3, 2).seed(7);
        GradientMonitor monitor = GradientMonitor.attach(net).every(2);
        SGD opt = SGD.of(net.parameters()).lr(0.3);
        double[] beforeLastUpdate = null;
        double[] w = null;
        double expectedMean = Double.NaN;
        for (int step = 0; step < 5; step++) {
            if (step == 4) {
                expectedMean = mean(net.layers().get(0).forward(X).relu().toArray());
            }
            Tensor loss = Loss.crossEntropy(net.forward(X), Y);
            opt.zeroGrad();
            loss.backward();
            monitor.step(loss.item());
            if (step == 3) {
                beforeLastUpdate = net.layers().get(0).weight().toArray();
            } else if (step == 4) {
                w = net.layers().get(0).weight().toArray();
            }
            opt.step();
        }
        assertEquals(5, monitor.steps());
        assertEquals(5, monitor.losses().size(), "the loss of every step");
        List<Integer> steps = monitor.records().stream().map(LayerRecord::step).distinct().toList();
        assertEquals(List.of(0, 2, 4), steps);
        LayerRecord r = monitor.records().get(4); // step 4, first layer
        double[] diff = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            diff[i] = w[i] - beforeLastUpdate[i];
        }
        // the weights are read at step(), before that step's update: step 4 sees the update of step 3
        assertEquals(norm(diff) / norm(beforeLastUpdate), r.updateRatio(), 1e-12);
        assertEquals(expectedMean, r.activationMean(), 1e-12, "step 4's own activation, not one of steps 1 or 3");
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }
}
