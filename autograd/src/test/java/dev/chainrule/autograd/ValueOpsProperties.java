package dev.chainrule.autograd;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * One property per scalar op: its gradient equals central finite differences over random
 * inputs from its domain, and for the smooth ops so do its second derivatives (which go
 * through the graph form of the rule). Points within 1e-3 of a kink are skipped.
 */
class ValueOpsProperties {

    private static void checkBoth(Function<List<Value>, Value> f, double... x) {
        GradCheck.assertGradients(f, x);
        GradCheck.assertSecondOrder(f, x);
    }

    @Property(tries = 50)
    void add(@ForAll @DoubleRange(min = -10, max = 10) double a, @ForAll @DoubleRange(min = -10, max = 10) double b) {
        checkBoth(v -> v.get(0).add(v.get(1)).mul(v.get(0)), a, b);
        checkBoth(v -> v.get(0).add(b), a);
    }

    @Property(tries = 50)
    void sub(@ForAll @DoubleRange(min = -10, max = 10) double a, @ForAll @DoubleRange(min = -10, max = 10) double b) {
        checkBoth(v -> v.get(0).sub(v.get(1)).mul(v.get(1)), a, b);
        checkBoth(v -> v.get(0).sub(b), a);
    }

    @Property(tries = 50)
    void mul(@ForAll @DoubleRange(min = -10, max = 10) double a, @ForAll @DoubleRange(min = -10, max = 10) double b) {
        checkBoth(v -> v.get(0).mul(v.get(1)), a, b);
        checkBoth(v -> v.get(0).mul(v.get(0)).mul(b), a);
    }

    @Property(tries = 50)
    void div(@ForAll @DoubleRange(min = -10, max = 10) double a, @ForAll @DoubleRange(min = 0.2, max = 10) double b,
             @ForAll boolean negative) {
        double d = negative ? -b : b;
        checkBoth(v -> v.get(0).div(v.get(1)), a, d);
        checkBoth(v -> v.get(0).div(d), a);
    }

    @Property(tries = 50)
    void neg(@ForAll @DoubleRange(min = -10, max = 10) double a) {
        checkBoth(v -> v.get(0).neg().mul(v.get(0)), a);
    }

    @Property(tries = 50)
    void powConstant(@ForAll @DoubleRange(min = 0.1, max = 5) double a, @ForAll @DoubleRange(min = -3, max = 3) double p) {
        checkBoth(v -> v.get(0).pow(p), a);
    }

    @Property(tries = 50)
    void powIntegerOfNegativeBase(@ForAll @DoubleRange(min = -5, max = 5) double a, @ForAll boolean cube) {
        checkBoth(v -> v.get(0).pow(cube ? 3 : 2), a);
    }

    @Property(tries = 50)
    void powValue(@ForAll @DoubleRange(min = 0.1, max = 5) double a, @ForAll @DoubleRange(min = -3, max = 3) double b) {
        checkBoth(v -> v.get(0).pow(v.get(1)), a, b);
    }

    @Property(tries = 50)
    void exp(@ForAll @DoubleRange(min = -10, max = 5) double a) {
        checkBoth(v -> v.get(0).exp(), a);
    }

    @Property(tries = 50)
    void log(@ForAll @DoubleRange(min = 0.05, max = 100) double a) {
        checkBoth(v -> v.get(0).log(), a);
    }

    @Property(tries = 50)
    void sqrt(@ForAll @DoubleRange(min = 0.05, max = 100) double a) {
        checkBoth(v -> v.get(0).sqrt(), a);
    }

    @Property(tries = 50)
    void sinAndCos(@ForAll @DoubleRange(min = -10, max = 10) double a) {
        checkBoth(v -> v.get(0).sin(), a);
        checkBoth(v -> v.get(0).cos(), a);
    }

    @Property(tries = 50)
    void tanh(@ForAll @DoubleRange(min = -6, max = 6) double a) {
        checkBoth(v -> v.get(0).tanh(), a);
    }

    @Property(tries = 50)
    void sigmoid(@ForAll @DoubleRange(min = -15, max = 15) double a) {
        checkBoth(v -> v.get(0).sigmoid(), a);
    }

    @Property(tries = 50)
    void softplus(@ForAll @DoubleRange(min = -15, max = 15) double a) {
        checkBoth(v -> v.get(0).softplus(), a);
    }

    @Property(tries = 50)
    void abs(@ForAll @DoubleRange(min = -10, max = 10) double a) {
        Assume.that(Math.abs(a) > 1e-3);
        checkBoth(v -> v.get(0).abs().mul(v.get(0)), a);
    }

    @Property(tries = 50)
    void relu(@ForAll @DoubleRange(min = -10, max = 10) double a) {
        Assume.that(Math.abs(a) > 1e-3);
        checkBoth(v -> v.get(0).relu().mul(v.get(0)), a);
    }

    @Property(tries = 50)
    void leakyRelu(@ForAll @DoubleRange(min = -10, max = 10) double a, @ForAll @DoubleRange(min = 0, max = 1) double slope) {
        Assume.that(Math.abs(a) > 1e-3);
        checkBoth(v -> v.get(0).leakyRelu(slope).mul(v.get(0)), a);
    }

    @Property(tries = 50)
    void stepHasZeroDerivative(@ForAll @DoubleRange(min = -10, max = 10) double a) {
        Assume.that(Math.abs(a) > 1e-3);
        checkBoth(v -> v.get(0).step().mul(v.get(0)), a);
    }

    @Property(tries = 50)
    void maxAndMin(@ForAll @DoubleRange(min = -10, max = 10) double a, @ForAll @DoubleRange(min = -10, max = 10) double b) {
        Assume.that(Math.abs(a - b) > 1e-3);
        checkBoth(v -> v.get(0).max(v.get(1)).mul(v.get(0)), a, b);
        checkBoth(v -> v.get(0).min(v.get(1)).mul(v.get(1)), a, b);
        checkBoth(v -> v.get(0).maximum(b), a);
        checkBoth(v -> v.get(0).minimum(b), a);
    }

    @Property(tries = 30)
    void sumAndDotAreOneNodeEach(@ForAll @DoubleRange(min = -3, max = 3) double a, @ForAll @DoubleRange(min = -3, max = 3) double b,
                                 @ForAll @DoubleRange(min = -3, max = 3) double c) {
        checkBoth(v -> Value.sum(List.of(v.get(0), v.get(1).mul(v.get(0)), v.get(2), v.get(2))), a, b, c);
        checkBoth(v -> Value.dot(List.of(v.get(0), v.get(1), v.get(0)), List.of(v.get(2), v.get(2), v.get(1))), a, b, c);
    }
}
