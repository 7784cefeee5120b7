package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import org.junit.jupiter.api.Test;

/** Issue 11: a constant is refused as a parameter, with a message saying how to make a leaf. */
class ParameterLeafTest {

    @Test
    void constantIsRefusedWithHowToMakeALeaf() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Parameter.of(Tensor.zeros(1, 1)));
        assertTrue(e.getMessage().contains("toLeaf()"), e.getMessage());
    }

    @Test
    void leafFromAFactoryIsAccepted() {
        Tensor w = Tensor.zeros(2, 2).toLeaf();
        Parameter p = Parameter.of(w);
        w.sum().backward();
        assertTrue(p.step((theta, g) -> {
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= g[i];
            }
        }));
        assertArrayEquals(new double[] {-1, -1, -1, -1}, w.toArray());
    }
}
