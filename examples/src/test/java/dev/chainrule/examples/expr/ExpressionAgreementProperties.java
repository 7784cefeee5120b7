package dev.chainrule.examples.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.testkit.Expr;
import dev.chainrule.testkit.Expressions;
import dev.chainrule.autograd.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The parser against autograd's random-expression generator: the infix text of a generated
 * expression, parsed and evaluated here, gives the same value and gradients as the graph the
 * generator builds directly.
 */
class ExpressionAgreementProperties {
    @Provide
    Arbitrary<Expr> expressions() {
        return Expressions.any(3, 4, false);
    }

    @Property(tries = 80)
    void parsedTextMatchesTheGeneratorsGraph(@ForAll("expressions") Expr e,
                                             @ForAll @DoubleRange(min = -2, max = 2) double a,
                                             @ForAll @DoubleRange(min = -2, max = 2) double b,
                                             @ForAll @DoubleRange(min = -2, max = 2) double c) {
        List<Value> direct = Value.listOf(a, b, c);
        Value expected = e.eval(direct);

        List<Value> mine = Value.listOf(a, b, c);
        Map<String, Value> vars = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            vars.put("x" + i, mine.get(i));
        }
        Value got = Expression.parse(e.text()).evaluate(vars);
        assertClose(expected.data(), got.data(), e.text() + " value");
        if (!expected.requiresGrad() || !Double.isFinite(expected.data())) {
            return;
        }
        expected.backward();
        got.backward();
        for (int i = 0; i < 3; i++) {
            assertClose(direct.get(i).grad(), mine.get(i).grad(), e.text() + " d/dx" + i);
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
        }
    }
}
