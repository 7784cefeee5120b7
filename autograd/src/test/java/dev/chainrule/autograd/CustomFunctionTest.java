package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom functions as engine citizens: messages, version counters, release, anomaly mode, deep chains. */
class CustomFunctionTest {

    private static final TensorFunction SQUARE = CustomFunction.tensor("mySquare", in -> in[0].mul(in[0]),
            (g, in, out) -> new Tensor[] {g.mul(in[0]).mul(2)});

    @Test
    void logAddExpIsStableWhereTheNaiveFormulaOverflows() {
        Tensor a = Tensor.of(new double[] {1000, -1000, 0}, 3), b = Tensor.of(new double[] {1000, -1000, 800}, 3);
        Tensor y = CustomFunctionProperties.LOG_ADD_EXP.apply(a, b);
        assertArrayEquals(new double[] {1000 + Math.log(2), -1000 + Math.log(2), 800}, y.toArray(), 1e-12);
        y.sum().backward();
        assertArrayEquals(new double[] {0.5, 0.5, 0}, a.grad().toArray(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 1}, b.grad().toArray(), 1e-12);
    }

    @Test
    void aStraightThroughEstimatorPassesTheGradientUnchanged() {
        TensorFunction roundSte = CustomFunction.tensorGraph("roundSte",
                in -> Tensor.constant(java.util.Arrays.stream(in[0].toArray()).map(Math::rint).toArray(), in[0].shape()),
                (g, in, out) -> new Tensor[] {g});
        Tensor x = Tensor.of(new double[] {0.2, 1.7, -2.6}, 3);
        Tensor y = roundSte.apply(x);
        assertArrayEquals(new double[] {0, 2, -3}, y.toArray());
        y.mul(Tensor.constant(new double[] {1, 2, 3}, 3)).sum().backward();
        assertArrayEquals(new double[] {1, 2, 3}, x.grad().toArray());
    }

    @Test
    void aBackwardReturningTheWrongNumberOfGradientsIsRefusedNamingTheFunction() {
        TensorFunction f = CustomFunction.tensor("twoArgs", in -> in[0].add(in[1]), (g, in, out) -> new Tensor[] {g});
        Tensor y = f.apply(Tensor.of(new double[] {1}, 1), Tensor.of(new double[] {2}, 1)).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("custom function 'twoArgs': the backward returned 1 gradient for 2 inputs; return one per input,"
                + " null for an input that gets none", e.getMessage());
        ScalarFunction s = CustomFunction.scalar("twoScalars", x -> x[0] * x[1], (g, x, out) -> new double[] {g});
        Value v = s.apply(Value.of(1), Value.of(2));
        IllegalStateException se = assertThrows(IllegalStateException.class, v::backward);
        assertEquals("custom function 'twoScalars': the backward returned 1 gradient for 2 inputs; return one gradient"
                + " per input", se.getMessage());
    }

    @Test
    void aBackwardReturningTheWrongShapeIsRefusedNamingTheInputAndBothShapes() {
        TensorFunction f = CustomFunction.tensor("broadcastAdd", in -> in[0].add(in[1]), (g, in, out) -> new Tensor[] {g, g});
        Tensor y = f.apply(Tensor.of(new double[6], 2, 3), Tensor.of(new double[3], 3)).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("custom function 'broadcastAdd': the backward's gradient for input 1 has shape [2, 3] but input 1"
                + " has shape [3]; return a gradient of the input's shape (sum over broadcast axes with sumTo)", e.getMessage());
        TensorFunction nul = CustomFunction.tensor("nullBackward", in -> in[0], (g, in, out) -> null);
        Tensor z = nul.apply(Tensor.of(new double[] {1}, 1)).sum();
        assertTrue(assertThrows(IllegalStateException.class, z::backward).getMessage()
                .startsWith("custom function 'nullBackward': the backward returned null"));
    }

    @Test
    void badDefinitionsAndArgumentsAreRefusedWithTheirNames() {
        assertEquals("CustomFunction.tensor 'f': backward is null",
                assertThrows(NullPointerException.class, () -> CustomFunction.tensor("f", in -> in[0], null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CustomFunction.scalar(" ", x -> 0, (g, x, y) -> x))
                .getMessage().contains("name is blank"));
        assertEquals("custom function 'mySquare': input 1 is null",
                assertThrows(NullPointerException.class, () -> SQUARE.apply(Tensor.scalar(1), null)).getMessage());
        Tensor w = Tensor.of(new double[] {1}, 1);
        TensorFunction captures = CustomFunction.tensor("captures", in -> w, (g, in, out) -> new Tensor[] {g});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> captures.apply(Tensor.of(new double[] {1}, 1)))
                .getMessage().contains("'captures': the forward returned Tensor(shape [1]), which wants a gradient"));
        TensorFunction nothing = CustomFunction.tensor("nothing", in -> null, (g, in, out) -> new Tensor[] {g});
        assertEquals("custom function 'nothing': the forward returned null",
                assertThrows(IllegalArgumentException.class, () -> nothing.apply(Tensor.scalar(1))).getMessage());
    }

    @Test
    void nullGradientsMeanNoneAndConstantInputsGiveConstants() {
        TensorFunction scale = CustomFunction.tensor("scaleBy", in -> in[0].mul(in[1]),
                (g, in, out) -> new Tensor[] {g.mul(in[1]), null});
        Tensor x = Tensor.of(new double[] {1, 2}, 2), k = Tensor.of(new double[] {3, 4}, 2);
        scale.apply(x, k).sum().backward();
        assertArrayEquals(new double[] {3, 4}, x.grad().toArray());
        assertNull(k.grad());
        Tensor c = SQUARE.apply(Tensor.constant(new double[] {3}, 1));
        assertFalse(c.requiresGrad());
        try (var off = GradMode.disabled()) {
            assertFalse(SQUARE.apply(Tensor.of(new double[] {3}, 1)).requiresGrad());
        }
    }

    @Test
    void anInputChangedInPlaceAfterTheForwardMakesBackwardThrow() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        Tensor y = SQUARE.apply(x).sum();
        x.setData(new double[] {5, 6});
        assertTrue(assertThrows(IllegalStateException.class, y::backward).getMessage().contains("changed in place"));
        Value v = Value.of(2);
        Value out = CustomFunctionProperties.SCALAR_LOG_ADD_EXP.apply(v, Value.constant(1));
        v.setData(3);
        assertTrue(assertThrows(IllegalStateException.class, out::backward).getMessage().contains("changed in place"));
    }

    @Test
    void backwardReleasesTheNodeAndASecondPassThrows() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        Tensor y = SQUARE.apply(x);
        Tensor loss = y.sum();
        loss.backward();
        assertTrue(assertThrows(IllegalStateException.class, loss::backward).getMessage().contains("released"));
        assertEquals("mySquare", y.op()); // the name outlives the released rule, for messages
        Tensor x2 = Tensor.of(new double[] {1, 2}, 2);
        Tensor kept = SQUARE.apply(x2).sum();
        kept.backward(true);
        kept.backward();
        assertArrayEquals(new double[] {4, 8}, x2.grad().toArray());
    }

    @Test
    void anomalyModeNamesTheCustomFunctionForwardAndBackward() {
        TensorFunction root = CustomFunction.tensor("myRoot", in -> in[0].sqrt(),
                (g, in, out) -> new Tensor[] {g.div(out.mul(2))});
        try (var scope = Anomaly.detect()) {
            Tensor y = root.apply(Tensor.of(new double[] {0, 4}, 2)).sum();
            ArithmeticException e = assertThrows(ArithmeticException.class, y::backward);
            assertTrue(e.getMessage().startsWith("anomaly: backward of 'myRoot' produced gradient"), e::getMessage);
            ArithmeticException f = assertThrows(ArithmeticException.class,
                    () -> root.apply(Tensor.of(new double[] {-1}, 1)));
            assertTrue(f.getMessage().startsWith("anomaly: forward of 'myRoot'"), f::getMessage);
            ScalarFunction log = CustomFunction.scalar("myLog", x -> Math.log(x[0]), (g, x, out) -> new double[] {g / x[0]});
            ArithmeticException s = assertThrows(ArithmeticException.class, () -> log.apply(Value.of(-1)));
            assertTrue(s.getMessage().startsWith("anomaly: forward of 'myLog'"), s::getMessage);
        }
    }

    @Test
    void scalarNodesCarryTheNameAndGraphBackwardDifferentiatesThreeTimes() {
        ScalarFunction cube = CustomFunction.scalarGraph("cube", x -> x[0] * x[0] * x[0],
                (g, in, out) -> new Value[] {g.mul(in[0].mul(in[0]).mul(3))});
        Value x = Value.of(2);
        Value y = cube.apply(x);
        assertEquals("cube", y.op());
        assertTrue(y.toString().contains("op=cube"), y::toString);
        Value d1 = Autograd.grad(y, List.of(x), true).get(0);
        Value d2 = Autograd.grad(d1, List.of(x), true).get(0);
        Value d3 = Autograd.grad(d2, List.of(x), false).get(0);
        assertEquals(12, d1.data(), 1e-12);
        assertEquals(12, d2.data(), 1e-12);
        assertEquals(6, d3.data(), 1e-12);
        assertTrue(GraphExport.toDot(cube.apply(Value.of(1))).contains("cube"));
    }

    @Test
    void aNumericBackwardGivesFirstOrderGraphsButRefusesToBeDifferentiatedAgain() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        List<Tensor> g = Autograd.grad(SQUARE.apply(x).sum(), List.of(x), true);
        assertArrayEquals(new double[] {2, 4}, g.get(0).toArray());
        assertEquals("mySquare backward", g.get(0).op());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> g.get(0).sum().backward());
        assertEquals("custom function 'mySquare': its backward is numeric (made with CustomFunction.tensor), so it cannot be"
                + " differentiated again (a second derivative, Hessian or Hessian-vector product through it). Make it with"
                + " CustomFunction.tensorGraph and a backward written with graph operations on its arguments.", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> Autograd.hessian(t -> SQUARE.apply(t).sum(), x));
    }

    @Test
    void aChainOfAHundredThousandCustomNodesRunsBackward() {
        ScalarFunction identity = CustomFunction.scalar("identity", x -> x[0], (g, x, y) -> new double[] {g});
        Value x = Value.of(1);
        Value y = x;
        for (int i = 0; i < 100_000; i++) {
            y = identity.apply(y);
        }
        y.backward();
        assertEquals(1, x.grad());
        Tensor t = Tensor.of(new double[] {1}, 1);
        Tensor u = t;
        for (int i = 0; i < 100_000; i++) {
            u = SQUARE.apply(u).mul(0.5).add(0.5); // 1 stays 1, derivative 1 at each step
        }
        u.sum().backward();
        assertEquals(1, t.grad().item(), 1e-12);
    }
}
