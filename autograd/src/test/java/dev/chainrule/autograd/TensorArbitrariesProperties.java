package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.testkit.TensorArbitraries.Reduction;
import dev.chainrule.testkit.TensorArbitraries.ShapePair;
import dev.chainrule.testkit.TensorArbitraries;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The generators other tests rely on generate what they promise, and cover the cases that
 * matter (broadcasting in each direction, rank changes, negative and empty axes): a
 * generator that silently stopped broadcasting would make every property using it weaker.
 * Coverage floors are far below the expected rates (several standard deviations at 300
 * tries), so they catch a case that vanished, not random variation.
 */
class TensorArbitrariesProperties {

    @Provide
    Arbitrary<ShapePair> pairs() {
        return TensorArbitraries.broadcastPairs();
    }

    @Provide
    Arbitrary<Reduction> reductions() {
        return TensorArbitraries.reductions(TensorArbitraries.tensors(-1, 1));
    }

    @Provide
    Arbitrary<Tensor> distinct() {
        return TensorArbitraries.shapes().flatMap(s -> TensorArbitraries.distinctTensors(s, 0.05));
    }

    @Provide
    Arbitrary<Tensor> awayFromKinks() {
        return TensorArbitraries.tensors(TensorArbitraries.valuesAwayFrom(-1, 1, 0.01, 0, 0.5));
    }

    @Property(tries = 300)
    void broadcastPairsBroadcastBothWays(@ForAll("pairs") ShapePair p) {
        assertArrayEquals(p.broadcast(), Shapes.broadcast("test", p.a(), p.b()));
        assertTrue(p.broadcast().length <= TensorArbitraries.MAX_RANK);
        boolean aExpands = !Arrays.equals(p.a(), p.broadcast());
        boolean bExpands = !Arrays.equals(p.b(), p.broadcast());
        Statistics.label("a expands").collect(aExpands);
        Statistics.label("b expands").collect(bExpands);
        Statistics.label("both expand").collect(aExpands && bExpands);
        Statistics.label("ranks differ").collect(p.a().length != p.b().length);
        Statistics.label("a expands").coverage(c -> c.check(true).percentage(x -> x > 10));
        Statistics.label("b expands").coverage(c -> c.check(true).percentage(x -> x > 10));
        Statistics.label("both expand").coverage(c -> c.check(true).percentage(x -> x > 2));
        Statistics.label("ranks differ").coverage(c -> c.check(true).percentage(x -> x > 5));
    }

    @Property(tries = 300)
    void reductionAxesAreDistinctAndInRange(@ForAll("reductions") Reduction r) {
        int rank = r.input().dim();
        boolean[] seen = new boolean[rank];
        boolean negative = false;
        for (int a : r.axes()) {
            assertTrue(a >= -rank && a < rank, "axis " + a + " for rank " + rank);
            int d = a < 0 ? a + rank : a;
            assertTrue(!seen[d], "repeated axis " + a);
            seen[d] = true;
            negative |= a < 0;
        }
        Statistics.label("no axes").collect(r.axes().length == 0);
        Statistics.label("rank").collect(rank);
        Statistics.label("negative axis").collect(negative);
        Statistics.label("keepDims").collect(r.keepDims());
        Statistics.label("no axes").coverage(c -> c.check(true).percentage(x -> x > 2));
        Statistics.label("negative axis").coverage(c -> c.check(true).percentage(x -> x > 5));
        Statistics.label("keepDims").coverage(c -> c.check(true).percentage(x -> x > 20));
    }

    @Property(tries = 100)
    void distinctTensorsHaveNoNearTies(@ForAll("distinct") Tensor t) {
        double[] d = t.toArray();
        Arrays.sort(d);
        for (int i = 1; i < d.length; i++) {
            assertTrue(d[i] - d[i - 1] >= 0.05, "gap between " + d[i - 1] + " and " + d[i]);
        }
        assertTrue(t.requiresGrad());
    }

    @Property(tries = 100)
    void valuesAwayFromKinksKeepTheirMargin(@ForAll("awayFromKinks") Tensor t) {
        for (double x : t.toArray()) {
            assertTrue(Math.abs(x) >= 0.01 && Math.abs(x - 0.5) >= 0.01 && x >= -1 && x <= 1, "value " + x);
        }
        assertEquals(Shapes.size(t.shape()), t.size());
    }
}
