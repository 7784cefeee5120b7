package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Models in float32: {@code MLP.dtype}, {@code Module.to} on every layer kind and buffer, the
 * refusal of an input of the other type, the printed tree, float32 batches, and a float32
 * model that trains to the float64 model's numbers within float32's precision.
 */
class Float32ModelTest {
    static final Tensor X64 = Tensor.randn(new SplittableRandom(3), 6, 4);

    static void assertAllF32(Module m) {
        for (Map.Entry<String, Tensor> e : m.namedTensors().entrySet()) {
            assertEquals(DType.F32, e.getValue().dtype(), e.getKey());
            assertTrue(e.getValue().leaf() && e.getValue().requiresGrad(), e.getKey() + " is a trainable leaf");
        }
        for (Map.Entry<String, Buffer> e : m.namedBuffers().entrySet()) {
            assertEquals(DType.F32, e.getValue().get().dtype(), e.getKey());
        }
    }

    @Test
    void mlpDtypeStoresEveryParameterInFloat32WithTheFloat64NumbersRounded() {
        MLP f64 = MLP.of(4, 8, 3).seed(5);
        MLP f32 = MLP.of(4, 8, 3).seed(5).dtype(DType.F32);
        assertEquals(DType.F64, f64.dtype());
        assertEquals(DType.F32, f32.dtype());
        assertAllF32(f32);
        f64.namedTensors().forEach((name, t) -> {
            float[] got = f32.namedTensors().get(name).toFloatArray();
            double[] want = t.toArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals((float) want[i], got[i], 0f, name + "[" + i + "]");
            }
        });
        // a redraw after the conversion keeps the type
        assertAllF32(f32.seed(6).init(Init.HE));
    }

    @Test
    void forwardAndGradientsStayFloat32() {
        MLP net = MLP.of(4, 8, 3).seed(1).dtype(DType.F32);
        Tensor x = X64.to(DType.F32);
        Tensor loss = Loss.crossEntropy(net.forward(x), new int[] {0, 1, 2, 0, 1, 2});
        assertEquals(DType.F32, loss.dtype());
        loss.backward();
        net.namedTensors().forEach((name, t) -> assertEquals(DType.F32, t.grad().dtype(), name + ".grad"));
    }

    @Test
    void everyLayerKindConvertsIncludingBatchNormBuffers() {
        Sequential seq = new Sequential(new Linear(4, 5, new SplittableRandom(1)), new BatchNorm1d(5),
                new ActivationModule(Activation.RELU), new Residual(new LayerNorm(5)), new Dropout(0.3, new SplittableRandom(2)),
                new Linear(5, 2, false));
        Module same = seq.to(DType.F32);
        assertSame(seq, same);
        assertAllF32(seq);
        assertEquals(DType.F32, seq.dtype());
        Tensor y = seq.forward(X64.to(DType.F32));
        assertEquals(DType.F32, y.dtype());
        BatchNorm1d bn = (BatchNorm1d) seq.layers().get(1);
        // a training step moves the running statistics and they stay float32
        assertEquals(DType.F32, bn.runningMean().dtype());
        assertEquals(DType.F32, bn.runningVar().dtype());
        assertTrue(bn.runningMean().abs().sum().item() > 0, "the running mean moved");
        seq.eval();
        assertEquals(DType.F32, seq.forward(X64.to(DType.F32)).dtype());
        // and back: float32 to float64 is exact
        double[] w32 = ((Linear) seq.layers().get(0)).weight().toArray();
        seq.to(DType.F64);
        assertEquals(DType.F64, seq.dtype());
        assertArrayEquals(w32, ((Linear) seq.layers().get(0)).weight().toArray(), 0);
        assertEquals(DType.F64, bn.runningVar().dtype());
    }

    @Test
    void tiedWeightsStayTiedAndAnUnchangedTreeKeepsItsTensors() {
        Linear shared = new Linear(3, 3, new SplittableRandom(1));
        Sequential seq = new Sequential(shared, new ActivationModule(Activation.TANH), shared);
        Tensor before = shared.weight();
        seq.to(DType.F64);
        assertSame(before, shared.weight(), "already float64: nothing replaced");
        seq.to(DType.F32);
        assertNotSame(before, shared.weight());
        assertEquals(2, seq.namedParameters().size(), "the shared layer's two tensors, listed once");
        assertSame(shared.weight(), seq.namedTensors().values().iterator().next());
    }

    @Test
    void anInputOfTheOtherTypeIsRefusedNamingBoth() {
        MLP net = MLP.of(4, 8, 3).dtype(DType.F32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(X64));
        assertEquals("Linear.forward: expected input of type float32 (the module's parameters) but found float64; "
                + "convert the input with x.to(DType.F32) (a DataLoader: .dtype(DType.F32)) or the model with "
                + "model.to(DType.F64)", e.getMessage());
        MLP net64 = MLP.of(4, 8, 3);
        e = assertThrows(IllegalArgumentException.class, () -> net64.forward(X64.to(DType.F32)));
        assertTrue(e.getMessage().contains("expected input of type float64") && e.getMessage().contains("found float32"),
                e.getMessage());
        BatchNorm1d bn = new BatchNorm1d(4);
        bn.to(DType.F32);
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(X64));
        assertTrue(e.getMessage().startsWith("BatchNorm1d.forward: expected input of type float32"), e.getMessage());
        LayerNorm ln = new LayerNorm(4);
        e = assertThrows(IllegalArgumentException.class, () -> ln.forward(X64.to(DType.F32)));
        assertTrue(e.getMessage().startsWith("LayerNorm.forward: expected input of type float64"), e.getMessage());
    }

    @Test
    void normalizationAddedAfterTheTypeTakesIt() {
        MLP net = MLP.of(4, 6, 6, 2).dtype(DType.F32).normalization(MLP.Normalization.BATCH_NORM).residual(true)
                .dropout(0.2);
        assertAllF32(net);
        assertEquals(DType.F32, net.forward(X64.to(DType.F32)).dtype());
    }

    @Test
    void theTreeSaysFloat32AndFloat64GoesUnsaid() {
        assertEquals("""
                MLP[2, 16, 3], RELU/IDENTITY (99 float32 parameters)
                  (layers): Sequential (99 float32 parameters)
                    (0): Linear(2 -> 16) (48 float32 parameters)
                    (1): Linear(16 -> 3) (51 float32 parameters)""", MLP.of(2, 16, 3).dtype(DType.F32).toString());
        assertEquals("""
                MLP[2, 16, 3], RELU/IDENTITY (99 parameters)
                  (layers): Sequential (99 parameters)
                    (0): Linear(2 -> 16) (48 parameters)
                    (1): Linear(16 -> 3) (51 parameters)""", MLP.of(2, 16, 3).toString());
    }

    @Test
    void aDataLoaderGivesFloat32BatchesAndOneHotTargetsOfTheSameType() {
        Dataset data = Dataset.of(new double[][] {{0.1, 0.2}, {1.0 / 3, 2}, {3, 4}}, new int[] {0, 1, 1});
        Batch b32 = DataLoader.of(data).batchSize(3).dtype(DType.F32).iterator().next();
        Batch b64 = DataLoader.of(data).batchSize(3).iterator().next();
        assertEquals(DType.F32, b32.x().dtype());
        assertEquals(DType.F64, b64.x().dtype());
        assertArrayEquals(b64.x().to(DType.F32).toFloatArray(), b32.x().toFloatArray(), 0f);
        assertEquals(DType.F32, b32.oneHot(2).dtype());
        assertEquals(DType.F64, b64.oneHot(2).dtype());
        assertThrows(NullPointerException.class, () -> DataLoader.of(data).dtype(null));
    }

    @Test
    void aFloat32ModelTrainsAlongsideTheFloat64OneWithinFloat32Precision() {
        MLP a = MLP.of(4, 16, 3).seed(2);
        MLP b = MLP.of(4, 16, 3).seed(2).dtype(DType.F32);
        Optimizer oa = Adam.of(a.parameters()).lr(0.01);
        Optimizer ob = Adam.of(b.parameters()).lr(0.01);
        int[] labels = {0, 1, 2, 0, 1, 2};
        double first = 0;
        double last64 = 0;
        double last32 = 0;
        for (int step = 0; step < 50; step++) {
            oa.zeroGrad();
            ob.zeroGrad();
            Tensor la = Loss.crossEntropy(a.forward(X64), labels);
            Tensor lb = Loss.crossEntropy(b.forward(X64.to(DType.F32)), labels);
            la.backward();
            lb.backward();
            oa.step();
            ob.step();
            first = step == 0 ? la.item() : first;
            last64 = la.item();
            last32 = lb.item();
        }
        assertAllF32(b);
        assertTrue(last64 < first / 2, "the float64 model learned: " + first + " -> " + last64);
        assertEquals(last64, last32, 1e-4, "float32 follows float64");
    }
}
