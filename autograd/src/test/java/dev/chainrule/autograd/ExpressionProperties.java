package dev.chainrule.autograd;

import dev.chainrule.testkit.Expr;
import dev.chainrule.testkit.Expressions;
import dev.chainrule.testkit.GradientAssertions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random composed expressions over three variables: the chain rule through any composition
 * agrees with finite differences, to first order, and to second order for smooth ones.
 */
class ExpressionProperties {

    @Provide
    Arbitrary<Expr> expressions() {
        return Expressions.any(3, 4, false);
    }

    @Provide
    Arbitrary<Expr> smoothExpressions() {
        return Expressions.any(3, 3, true);
    }

    @Provide
    Arbitrary<double[]> points() {
        return Arbitraries.doubles().between(-2, 2).ofScale(3).array(double[].class).ofSize(3);
    }

    @Property(tries = 200)
    void gradientOfAnyExpressionMatchesFiniteDifferences(@ForAll("expressions") Expr e, @ForAll("points") double[] x) {
        Assume.that(Expressions.wellConditioned(e, x, 1e-3));
        GradientAssertions.assertGradients(GradCheck.withDefaults().tolerance(1e-4, 1e-3), e, x);
    }

    @Property(tries = 60)
    void secondDerivativesOfSmoothExpressionsMatchFiniteDifferences(@ForAll("smoothExpressions") Expr e,
                                                                    @ForAll("points") double[] x) {
        Assume.that(Expressions.wellConditioned(e, x, 1e-2));
        GradientAssertions.assertSecondOrder(GradCheck.withDefaults().tolerance(1e-4, 1e-3), e, x);
    }
}
