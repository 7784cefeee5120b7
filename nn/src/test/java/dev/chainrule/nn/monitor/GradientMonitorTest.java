package dev.chainrule.nn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The monitor's records (checked against the tensors by hand), its CSV export and its simplest diagnoses. */
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
