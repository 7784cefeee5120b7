package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.gaussian;
import static dev.chainrule.testkit.TensorArbitraries.maybeNegative;
import static dev.chainrule.testkit.TensorArbitraries.shape;
import static dev.chainrule.autograd.TensorTesting.assertEachElement;
import static dev.chainrule.autograd.TensorTesting.at;
import static dev.chainrule.autograd.TensorTesting.checkGradients;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * gather, indexSelect and oneHot: forward against index-by-index oracles, gradients (which
 * must add up repeated indices) against finite differences, first and second order.
 */
class IndexOpsProperties {

    @Property(tries = 50)
    void gatherFollowsTorchGather(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 3);
        int rank = s.length;
        int ax = rng.nextInt(rank);
        int given = maybeNegative(rng, ax, rank);
        int[] is = new int[rank];
        for (int d = 0; d < rank; d++) {
            // no larger than the input except along the gathered axis, where anything goes
            is[d] = d == ax ? 1 + rng.nextInt(4) : 1 + rng.nextInt(s[d]);
        }
        double[] idx = new double[TensorTesting.size(is)];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rng.nextInt(s[ax]); // repeats are likely: their gradients must add up
        }
        Tensor index = Tensor.constant(idx, is);
        Tensor x = gaussian(rng, s);
        Tensor y = x.gather(given, index);
        assertArrayEquals(is, y.shape());
        assertEachElement(y, p -> {
            int[] src = p.clone();
            src[ax] = (int) at(index, p);
            return at(x, src);
        });
        assertFalse(y.requiresGrad(), "a constant input gives a constant result");
        checkGradients(t -> t.gather(given, index), x);
    }

    @Property(tries = 50)
    void indexSelectPicksSlabs(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int count) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 3);
        int ax = rng.nextInt(s.length);
        int given = maybeNegative(rng, ax, s.length);
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = rng.nextInt(s[ax]);
        }
        Tensor x = gaussian(rng, s);
        Tensor y = x.indexSelect(given, indices);
        assertEquals(count, y.shape()[ax]);
        assertEachElement(y, p -> {
            int[] src = p.clone();
            src[ax] = indices[p[ax]];
            return at(x, src);
        });
        if (count > 0) {
            checkGradients(t -> t.indexSelect(given, indices), x);
        }
    }

    @Property(tries = 30)
    void oneHotHasASingleOnePerRow(@ForAll @IntRange(min = 1, max = 6) int classes, @ForAll long seed) {
        Random rng = new Random(seed);
        int[] labels = new int[rng.nextInt(5)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(classes);
        }
        Tensor h = Tensor.oneHot(labels, classes);
        assertArrayEquals(new int[] {labels.length, classes}, h.shape());
        assertFalse(h.requiresGrad());
        for (int i = 0; i < labels.length; i++) {
            for (int c = 0; c < classes; c++) {
                assertEquals(c == labels[i] ? 1.0 : 0.0, at(h, i, c));
            }
        }
    }

    @Property(tries = 20)
    void oneHotGathersTheSameAsIndexSelectOfTheIdentity(@ForAll @IntRange(min = 1, max = 5) int classes,
                                                      @ForAll long seed) {
        Random rng = new Random(seed);
        int[] labels = new int[1 + rng.nextInt(4)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(classes);
        }
        double[] eye = new double[classes * classes];
        for (int c = 0; c < classes; c++) {
            eye[c * classes + c] = 1;
        }
        Tensor identity = Tensor.constant(eye, classes, classes);
        assertArrayEquals(identity.indexSelect(0, labels).toArray(), Tensor.oneHot(labels, classes).toArray());
    }
}
