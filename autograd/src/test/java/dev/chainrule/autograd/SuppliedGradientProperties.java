package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.testkit.GradientAssertions;
import dev.chainrule.testkit.Point;
import dev.chainrule.testkit.Points;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Hand-written derivatives over random points: right ones pass everywhere, planted bugs are found and named. */
class SuppliedGradientProperties {

    @Provide
    Arbitrary<Point> weights() {
        return Points.inBox(-2, 2, 12);
    }

    @Property(tries = 100)
    void theHandWrittenBackpropOfThe222NetworkIsRightEverywhere(@ForAll("weights") Point theta) {
        GradientAssertions.assertGradient(GradCheck.withDefaults().richardson(4).step(1e-3).tolerance(1e-10, 1e-6),
                SuppliedGradientTest::loss, p -> SuppliedGradientTest.backprop(p, false), theta);
    }

    @Property(tries = 100)
    void fastModeNamesExactlyThePlantedBug(@ForAll @IntRange(min = 2, max = 3000) int n,
                                           @ForAll @IntRange(min = 0, max = 1 << 20) int seed) {
        Random rng = new Random(seed);
        double[] x = rng.doubles(n, -2, 2).toArray();
        int bad = rng.nextInt(n);
        GradCheck fast = GradCheck.withDefaults().richardson(4).step(1e-2).tolerance(1e-10, 1e-8).fast();
        GradCheck.Report ok = fast.checkGradient(SuppliedGradientTest::sumOfSinPlusHalfSquares,
                SuppliedGradientTest::itsGradient, x);
        assertTrue(ok.passed(), ok::toString);
        GradCheck.Report r = fast.checkGradient(SuppliedGradientTest::sumOfSinPlusHalfSquares, v -> {
            double[] g = SuppliedGradientTest.itsGradient(v);
            g[bad] += 1e-3 * (1 + Math.abs(g[bad]));
            return g;
        }, x);
        assertEquals(List.of("x[" + bad + "]"), r.failures().stream().skip(1).map(GradCheck.Entry::input).toList(), r::toString);
        // and the bisection stayed logarithmic: at most 2 checks per level, 2 entries kept
        assertEquals(2, r.entries().size());
    }

    @Provide
    Arbitrary<Point> polarPoints() {
        return Points.inBox(-3, 3, 2).awayFromZerosOf(x -> x[0], 1e-2);
    }

    @Property(tries = 100)
    void aHandWrittenJacobianIsRightEverywhere(@ForAll("polarPoints") Point p) {
        GradientAssertions.assertJacobian(GradCheck.withDefaults(), x -> new double[] {x[0] * Math.cos(x[1]),
            x[0] * Math.sin(x[1])}, x -> new double[][] {{Math.cos(x[1]), -x[0] * Math.sin(x[1])},
            {Math.sin(x[1]), x[0] * Math.cos(x[1])}}, p);
    }
}
