package dev.chainrule.nn.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A monitor attached to a float32 MLP records finite numbers for every layer and diagnoses it as for float64. */
class Float32MonitorTest {
    @Test
    void aFloat32MlpGetsFiniteRecordsForEveryLayer() {
        MLP net = MLP.of(6, 16, 16, 3).activation(Activation.TANH).seed(3).dtype(DType.F32);
        GradientMonitor m = GradientMonitor.attach(net);
        Optimizer opt = Adam.of(net.parameters()).lr(0.01);
        Tensor x = Tensor.randn(new SplittableRandom(4), DType.F32, 32, 6);
        int[] y = new int[32];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3;
        }
        for (int s = 0; s < 20; s++) {
            opt.zeroGrad();
            Tensor loss = Loss.crossEntropy(net.forward(x), y);
            assertEquals(DType.F32, loss.dtype());
            loss.backward();
            m.step(loss.item());
            opt.step();
        }
        assertEquals(3, m.layers().size());
        assertEquals(20 * 3, m.records().size());
        for (LayerRecord r : m.records()) {
            assertTrue(Double.isFinite(r.gradNorm()) && r.gradNorm() > 0, r.toString());
            assertTrue(Double.isFinite(r.weightNorm()) && r.weightNorm() > 0, r.toString());
            if (r.step() > 0) {
                assertTrue(Double.isFinite(r.updateRatio()) && r.updateRatio() > 0, r.toString());
            }
            if (!r.layer().equals(m.layers().get(2))) { // the output layer has no hidden activation
                assertTrue(Double.isFinite(r.activationMean()) && Double.isFinite(r.activationStd()), r.toString());
                assertTrue(Double.isFinite(r.saturated()), r.toString());
            }
        }
        assertTrue(m.losses().get(19) < m.losses().get(0), "it trained: " + m.losses());
        assertTrue(m.diagnose().toString().length() > 0);
    }
}
