package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.SGD;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** User-defined modules: registration, nested names, errors, modes; Linear without bias and on 3-D input. */
class ModuleTreeTest {
    /** A user-defined module: a residual block around a Linear layer. */
    static final class Residual extends Module {
        private final Linear inner;
        private final Tensor scale;

        Residual(int n) {
            inner = child("inner", new Linear(n, n, Init.XAVIER, new SplittableRandom(1)));
            scale = register("scale", Tensor.of(new double[] {0.5}, 1));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.add(inner.forward(x).tanh().mul(scale));
        }
    }

    @Test
    void ownParametersComeBeforeChildrenAndNamesNest() {
        Sequential net = new Sequential(new Residual(3), new Residual(3));
        assertEquals(List.of("0.scale", "0.inner.weight", "0.inner.bias", "1.scale", "1.inner.weight", "1.inner.bias"),
                List.copyOf(net.namedParameters().keySet()));
        ParameterGradCheck.assertParameterGradients(net,
                () -> ParameterGradCheck.project(net.forward(new Draw(1).tensor(-1, 1, 2, 3)), 5));
    }

    @Test
    void registrationErrorsNameTheModule() {
        class Bad extends Module {
            Bad(String name, Tensor t) {
                register(name, t);
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bad("a.b", Tensor.ones(1)));
        assertTrue(e.getMessage().contains("Bad") && e.getMessage().contains("'a.b'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Bad("w", Tensor.ones(2)));
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
    }

    @Test
    void modeReachesEveryModuleBelow() {
        Residual r = new Residual(2);
        Sequential net = new Sequential(r, new Sequential(ActivationModule.tanh(), new Dropout(0.1, 1)));
        assertTrue(net.isTraining());
        net.eval();
        assertFalse(r.isTraining());
        assertFalse(((Sequential) net.layers().get(1)).layers().get(1).isTraining());
        net.train();
        assertTrue(((Sequential) net.layers().get(1)).layers().get(1).isTraining());
    }

    @Test
    void linearWithoutBiasAndSingleSamples() {
        Linear l = new Linear(3, 2, false).reset(Init.XAVIER, new SplittableRandom(2));
        assertNull(l.bias());
        assertEquals(List.of("weight"), List.copyOf(l.namedParameters().keySet()));
        Tensor one = l.forward(Tensor.constant(new double[] {1, 2, 3}, 3));
        assertArrayEquals(new int[] {2}, one.shape());
        Tensor batched = l.forward(Tensor.constant(new double[] {1, 2, 3, 1, 2, 3}, 2, 1, 3));
        assertArrayEquals(new int[] {2, 1, 2}, batched.shape());
        assertArrayEquals(one.toArray(), batched.indexSelect(0, 1).toArray(), 1e-15);
    }

    @Test
    void aSharedLayerIsOneParameterAndOneUpdate() {
        Linear shared = new Linear(2, 2, Init.XAVIER, new SplittableRandom(3));
        Sequential net = new Sequential(shared, ActivationModule.tanh(), shared);
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(net.namedTensors().keySet()));
        double[] before = shared.weight().toArray();
        Optimizer sgd = SGD.of(net.parameters()).lr(0.1);
        net.forward(Tensor.constant(new double[] {1, -1}, 1, 2)).sum().backward();
        double[] g = shared.weight().grad().toArray(); // both uses accumulated into one gradient
        sgd.step();
        double[] after = shared.weight().toArray();
        for (int i = 0; i < g.length; i++) {
            assertEquals(before[i] - 0.1 * g[i], after[i], 1e-15, "stepped once, element " + i);
        }
    }

    @Test
    void linearDefaultsToXavierUniformFromTheGivenGenerator() {
        Linear a = new Linear(5, 3, new SplittableRandom(8));
        Linear b = new Linear(5, 3, Init.XAVIER_UNIFORM, new SplittableRandom(8));
        assertArrayEquals(b.weight().toArray(), a.weight().toArray(), 0);
        double bound = Math.sqrt(6.0 / (5 + 3));
        for (double w : a.weight().toArray()) {
            assertTrue(Math.abs(w) <= bound, "weight " + w + " outside ±" + bound);
        }
    }

    @Test
    void deepNestingKeepsPreOrderNames() {
        Module inner = new Sequential(new Linear(2, 2, true), new Linear(2, 2, true));
        Module net = new Sequential(new Residual(2), new Sequential(inner, new Linear(2, 1, true)));
        assertEquals(List.of("0.scale", "0.inner.weight", "0.inner.bias", "1.0.0.weight", "1.0.0.bias",
                "1.0.1.weight", "1.0.1.bias", "1.1.weight", "1.1.bias"), List.copyOf(net.namedParameters().keySet()));
    }
}
