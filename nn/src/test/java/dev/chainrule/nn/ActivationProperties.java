package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.testkit.GradientAssertions;
import dev.chainrule.testkit.TensorArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every activation module, on tensors of any shape up to rank 3 (softmax from rank 1, over the
 * last axis), has first and second derivatives that agree with finite differences; inputs keep
 * away from relu's and leakyRelu's kink at 0. Generators and the assertion come from the testkit.
 */
class ActivationProperties {

    @Provide
    Arbitrary<Tensor> inputs() {
        return TensorArbitraries.shapes(1, 3, 4)
                .flatMap(s -> TensorArbitraries.tensors(s, TensorArbitraries.valuesAwayFrom(-3, 3, 1e-3, 0)));
    }

    @Property(tries = 20)
    void everyActivationHasItsGradientOnAnyShape(@ForAll Activation a, @ForAll("inputs") Tensor x) {
        ActivationModule m = new ActivationModule(a);
        GradientAssertions.assertUnaryOp(m::forward, x);
    }
}
