package dev.chainrule.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.CustomFunction;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import dev.chainrule.testkit.TensorArbitraries.TensorPair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The tensor assertions pass correct ops over broadcasting pairs and catch a planted bug, at
 * first order and at second order.
 */
class GradientAssertionsProperties {

    @Provide
    Arbitrary<TensorPair> pairs() {
        return TensorArbitraries.broadcastTensorPairs(-2, 2);
    }

    @Provide
    Arbitrary<Tensor> positive() {
        return TensorArbitraries.tensors(0.5, 3);
    }

    @Property(tries = 30)
    void correctOpsPassOnBroadcastingPairs(@ForAll("pairs") TensorPair p) {
        GradientAssertions.assertBinaryOp((a, b) -> a.mul(b).add(a.sub(b).tanh()), p);
        GradientAssertions.assertUnaryOp(x -> x.sin().mul(x), p.a());
    }

    /** x·log x with the derivative written as log x (the + 1 missing): wrong everywhere. */
    private static final TensorFunction BUGGY = CustomFunction.tensorGraph("xlogx",
            in -> in[0].mul(in[0].log()),
            (g, in, out) -> new Tensor[] {g.mul(in[0].log())});

    /** Right at first order, but the backward is not written with graph ops of x: second order is wrong. */
    private static final TensorFunction FROZEN = CustomFunction.tensorGraph("frozenSquare",
            in -> in[0].mul(in[0]),
            (g, in, out) -> new Tensor[] {g.mul(in[0].detach()).mul(2.0)});

    @Property(tries = 20)
    void aWrongGradientIsCaughtAtFirstOrder(@ForAll("positive") Tensor x) {
        AssertionError e = assertThrows(AssertionError.class, () -> GradientAssertions.assertUnaryOp(BUGGY::apply, x));
        assertTrue(e.getMessage().contains("xlogx") || e.getMessage().contains("analytic"), e.getMessage());
    }

    @Property(tries = 20)
    void aWrongSecondDerivativeIsCaught(@ForAll("positive") Tensor x) {
        assertThrows(AssertionError.class, () -> GradientAssertions.assertUnaryOp(FROZEN::apply, x));
    }
}
