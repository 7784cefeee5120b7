package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.testkit.TensorArbitraries;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import dev.chainrule.testkit.TensorArbitraries.TensorPair;

/**
 * Custom functions are checked as built-in ops are: GradCheck against finite differences over
 * random broadcasting shapes, first and second order, and agreement with the same function
 * composed from built-in ops.
 */
class CustomFunctionProperties {

    /** log(e^a + e^b) with a graph backward; the inputs broadcast, so the rule sums back itself. */
    static final TensorFunction LOG_ADD_EXP = CustomFunction.tensorGraph("logAddExp",
            CustomFunctionProperties::logAddExpForward,
            (g, in, out) -> new Tensor[] {g.mul(in[0].sub(out).exp()).sumTo(in[0].shape()),
                                          g.mul(in[1].sub(out).exp()).sumTo(in[1].shape())});

    /** The same with a numeric backward, reading plain numbers. */
    static final TensorFunction LOG_ADD_EXP_NUMERIC = CustomFunction.tensor("logAddExpNumeric",
            CustomFunctionProperties::logAddExpForward,
            (g, in, out) -> new Tensor[] {g.mul(in[0].sub(out).exp()).sumTo(in[0].shape()),
                                          g.mul(in[1].sub(out).exp()).sumTo(in[1].shape())});

    static final ScalarFunction SCALAR_LOG_ADD_EXP = CustomFunction.scalarGraph("logAddExp",
            x -> Math.max(x[0], x[1]) + Math.log1p(Math.exp(-Math.abs(x[0] - x[1]))),
            (g, in, out) -> new Value[] {g.mul(in[0].sub(out).exp()), g.mul(in[1].sub(out).exp())});

    static final ScalarFunction SCALAR_LOG_ADD_EXP_NUMERIC = CustomFunction.scalar("logAddExpNumeric",
            x -> Math.max(x[0], x[1]) + Math.log1p(Math.exp(-Math.abs(x[0] - x[1]))),
            (g, x, y) -> new double[] {g * Math.exp(x[0] - y), g * Math.exp(x[1] - y)});

    static Tensor logAddExpForward(Tensor[] in) {
        Tensor m = in[0].max(in[1]);
        return m.add(in[0].sub(m).exp().add(in[1].sub(m).exp()).log());
    }

    @Provide
    Arbitrary<TensorPair> pairs() {
        return TensorArbitraries.broadcastTensorPairs(-3, 3);
    }

    @Property(tries = 60)
    void aGraphBackwardPassesGradCheckFirstAndSecondOrderOverBroadcastShapes(@ForAll("pairs") TensorPair p) {
        TensorTesting.checkGradientsOfAll(v -> LOG_ADD_EXP.apply(v.get(0), v.get(1)), p.a(), p.b());
        Tensor y = LOG_ADD_EXP.apply(p.a(), p.b());
        double[] expected = TensorTesting.broadcastReference(p.a(), p.b(), (a, b) -> Math.log(Math.exp(a) + Math.exp(b)));
        TensorTesting.assertClose(expected, y.toArray(), 1e-12, "logAddExp values");
        assertEquals("logAddExp", y.op());
    }

    @Property(tries = 60)
    void aNumericBackwardPassesFirstOrderAndRefusesSecondOrderNamingTheFunction(@ForAll("pairs") TensorPair p) {
        GradCheck.assertTensorGradients(v -> LOG_ADD_EXP_NUMERIC.apply(v.get(0), v.get(1)), p.a(), p.b());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> GradCheck.withDefaults().checkTensorsSecondOrder(
                        v -> LOG_ADD_EXP_NUMERIC.apply(v.get(0), v.get(1)).mul(v.get(0)), p.a(), p.b()));
        assertTrue(e.getMessage().contains("'logAddExpNumeric'") && e.getMessage().contains("CustomFunction.tensorGraph"),
                e::getMessage);
    }

    @Property(tries = 60)
    void customGradientsEqualThoseOfTheComposedExpression(@ForAll("pairs") TensorPair p) {
        Tensor a = Tensor.of(p.a().toArray(), p.a().shape()), b = Tensor.of(p.b().toArray(), p.b().shape());
        Tensor w = p.a().add(p.b()).detach();
        List<Tensor> custom = Autograd.grad(LOG_ADD_EXP.apply(a, b).mul(w).sum(), List.of(a, b), false);
        List<Tensor> composed = Autograd.grad(logAddExpForward(new Tensor[] {a, b}).mul(w).sum(), List.of(a, b), false);
        List<Tensor> numeric = Autograd.grad(LOG_ADD_EXP_NUMERIC.apply(a, b).mul(w).sum(), List.of(a, b), false);
        for (int i = 0; i < 2; i++) {
            TensorTesting.assertClose(composed.get(i).toArray(), custom.get(i).toArray(), 1e-12, "input " + i);
            TensorTesting.assertClose(composed.get(i).toArray(), numeric.get(i).toArray(), 1e-12, "input " + i);
        }
    }

    @Property(tries = 80)
    void aBackwardOfTheWrongCountOrShapeIsRefusedNamingTheFunctionTheInputAndTheShapes(
            @ForAll("shapes") int[] shape, @ForAll("shapes") int[] returned, @ForAll @IntRange(min = 1, max = 4) int arity,
            @ForAll @IntRange(min = 0, max = 5) int count) {
        Tensor[] in = new Tensor[arity];
        for (int i = 0; i < arity; i++) {
            in[i] = Tensor.of(new double[TensorTesting.size(shape)], shape);
        }
        TensorFunction f = CustomFunction.tensor("planted", x -> x[0].sum(), (g, x, out) -> {
            Tensor[] grads = new Tensor[count];
            java.util.Arrays.fill(grads, Tensor.zeros(returned));
            return grads;
        });
        Tensor y = f.apply(in);
        if (count != arity) {
            IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
            assertTrue(e.getMessage().startsWith("custom function 'planted': the backward returned " + count + " gradient"),
                    e::getMessage);
            assertTrue(e.getMessage().contains(" for " + arity + " input"), e::getMessage);
        } else if (!java.util.Arrays.equals(shape, returned)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
            assertEquals("custom function 'planted': the backward's gradient for input 0 has shape "
                    + java.util.Arrays.toString(returned) + " but input 0 has shape " + java.util.Arrays.toString(shape)
                    + "; return a gradient of the input's shape (sum over broadcast axes with sumTo)", e.getMessage());
        } else {
            y.backward();
            assertArrayEquals(new double[TensorTesting.size(shape)], in[arity - 1].grad().toArray());
        }
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.shapes(0, 2, 2);
    }

    @Provide
    Arbitrary<double[]> points() {
        return TensorArbitraries.values(-4, 4).array(double[].class).ofSize(2);
    }

    @Property(tries = 100)
    void scalarCustomFunctionsPassGradCheckAndAgreeWithTheTensorOnes(@ForAll("points") double[] x) {
        GradCheck.assertGradients(v -> SCALAR_LOG_ADD_EXP.apply(v.get(0), v.get(1)).mul(v.get(0)), x);
        GradCheck.assertSecondOrder(v -> SCALAR_LOG_ADD_EXP.apply(v.get(0), v.get(1)).mul(v.get(0)), x);
        GradCheck.assertGradients(v -> SCALAR_LOG_ADD_EXP_NUMERIC.apply(v.get(0), v.get(1)).mul(v.get(0)), x);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Autograd.hessian(v -> SCALAR_LOG_ADD_EXP_NUMERIC.apply(v.get(0), v.get(1)), x));
        assertTrue(e.getMessage().contains("'logAddExpNumeric'") && e.getMessage().contains("CustomFunction.scalarGraph"),
                e::getMessage);
        Tensor t = LOG_ADD_EXP.apply(Tensor.scalar(x[0]), Tensor.scalar(x[1]));
        assertEquals(t.item(), SCALAR_LOG_ADD_EXP.apply(Value.of(x[0]), Value.of(x[1])).data(), 1e-12);
    }

    @Property(tries = 100)
    void gradCheckNamesACustomFunctionWhoseBackwardIsWrong(@ForAll("points") double[] x) {
        ScalarFunction wrong = CustomFunction.scalar("wrongSquare", v -> v[0] * v[0], (g, v, y) -> new double[] {g * 3 * v[0]});
        GradCheck.Report r = GradCheck.withDefaults().check(v -> wrong.apply(v.get(0)).add(v.get(1).sin()), x[0] + 5, x[1]);
        assertFalse(r.passed(), r::toString);
        assertEquals("wrongSquare", r.firstBadNode().orElseThrow().op(), r::toString);
        TensorFunction wrongTensor = CustomFunction.tensor("wrongSquare", in -> in[0].mul(in[0]),
                (g, in, out) -> new Tensor[] {g.mul(in[0]).mul(3)});
        GradCheck.Report t = GradCheck.withDefaults().checkTensors(v -> wrongTensor.apply(v.get(0)).sum(),
                Tensor.of(new double[] {x[0] + 5, x[1] - 5}, 2));
        assertFalse(t.passed(), t::toString);
    }
}
