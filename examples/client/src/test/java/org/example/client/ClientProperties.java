package org.example.client;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.testkit.GradientAssertions;
import dev.chainrule.testkit.TensorArbitraries;
import dev.chainrule.testkit.TensorArbitraries.TensorPair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ClientProperties {

    /** A smooth maximum, log(e^a + e^b), written with chainrule's ops. */
    static Tensor smoothMax(Tensor a, Tensor b) {
        return a.exp().add(b.exp()).log();
    }

    @Provide
    Arbitrary<TensorPair> pairs() {                  // two shapes that broadcast, elements in [-2, 2]
        return TensorArbitraries.broadcastTensorPairs(-2, 2);
    }

    @Property(tries = 50)
    void smoothMaxHasTheRightGradients(@ForAll("pairs") TensorPair p) {
        GradientAssertions.assertBinaryOp(ClientProperties::smoothMax, p);   // first and second order
    }
}
