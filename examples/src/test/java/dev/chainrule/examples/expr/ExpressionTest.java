package dev.chainrule.examples.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Value;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expression language: precedence, functions, gradients, and error messages. */
class ExpressionTest {
    private static double eval(String text, double x, double y) {
        return Expression.parse(text).evaluate(Map.of("x", Value.of(x), "y", Value.of(y))).data();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1 + 2 * 3; 7",
        "(1 + 2) * 3; 9",
        "2 ^ 3 ^ 2; 512",
        "-2 ^ 2; -4",
        "(-2) ^ 2; 4",
        "2 ^ -1; 0.5",
        "8 / 4 / 2; 1",
        "10 - 4 - 3; 3",
        "--3; 3",
        "+3 - -3; 6",
        "1.5e2 + .5; 150.5",
        "2E-1 * 10; 2",
        "max(x, y) - min(x, y); 1",
        "x * y + x / y; 6.6666666666666667",
        "abs(-x) + relu(-y) + step(0) + step(-1); 3",
        "exp(log(x)) + sqrt(y^2); 5",
        "sigmoid(0) + tanh(0) + softplus(0); 1.1931471805599453",
        "sin(pi / 2) + cos(0) + log(e); 3",
    })
    void valuesFollowTheUsualPrecedence(String text, double expected) {
        assertEquals(expected, eval(text, 2, 3), 1e-12, text);
    }

    @Test
    void gradientsComeFromTheEngine() {
        Value x = Value.of(1).label("x"), y = Value.of(2).label("y");
        Expression e = Expression.parse("tanh(x*y + sin(x))^2");
        assertEquals(List.of("x", "y"), e.variables());
        Value out = e.evaluate(List.of("x", "y"), List.of(x, y));
        out.backward();
        double inner = 1 * 2 + Math.sin(1), t = Math.tanh(inner);
        assertEquals(t * t, out.data(), 1e-15);
        double dOuter = 2 * t * (1 - t * t);
        assertEquals(dOuter * (2 + Math.cos(1)), x.grad(), 1e-12);
        assertEquals(dOuter * 1, y.grad(), 1e-12);
    }

    @Test
    void aVariableExponentRecordsTheTwoInputPower() {
        Value x = Value.of(2), y = Value.of(3);
        Value out = Expression.parse("x ^ y").evaluate(Map.of("x", x, "y", y));
        out.backward();
        assertEquals(8, out.data(), 0);
        assertEquals(3 * 4, x.grad(), 1e-12);
        assertEquals(8 * Math.log(2), y.grad(), 1e-12);
    }

    @Test
    void aLongFlatSumEvaluatesWithoutRecursion() {
        StringBuilder s = new StringBuilder("x");
        for (int i = 0; i < 50_000; i++) {
            s.append(" + x");
        }
        Value x = Value.of(1);
        Value out = Expression.parse(s.toString()).evaluate(Map.of("x", x));
        out.backward();
        assertEquals(50_001, out.data(), 0);
        assertEquals(50_001, x.grad(), 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "tanh(x*y + sin(x)^2; expected ')' or ','; 20",
        "x + ; ends too early; 4",
        "foo(x); unknown function 'foo'; 1",
        "max(x); max takes 2 arguments but got 1; 1",
        "sin(x, y); sin takes 1 argument but got 2; 1",
        "x $ y; unexpected character '$'; 3",
        "x y; unexpected 'y' after a complete expression; 3",
        "sin x; needs its arguments in parentheses; 5",
        "1..2; is not a number; 1",
        "(x + y)); unexpected ')'; 8",
    })
    void mistakesArePointedAt(String text, String message, int position) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertEquals(position, e.position() + 1, e.getMessage());
    }

    @Test
    void emptyTextAndTooDeepNestingAreRejected() {
        assertTrue(assertThrows(ExpressionException.class, () -> Expression.parse("  "))
                .getMessage().contains("empty"));
        String deep = "(".repeat(Expression.MAX_NESTING + 1) + "x" + ")".repeat(Expression.MAX_NESTING + 1);
        assertTrue(assertThrows(ExpressionException.class, () -> Expression.parse(deep))
                .getMessage().contains("nests deeper"));
    }

    @Test
    void missingVariablesAreNamed() {
        Expression e = Expression.parse("x * z");
        ExpressionException ex = assertThrows(ExpressionException.class, () -> e.evaluate(Map.of("x", Value.of(1))));
        assertTrue(ex.getMessage().contains("'z' has no value"), ex.getMessage());
    }

    // ---- property: printing a random tree fully parenthesised and parsing it gives the same number

    /** A random expression tree as text, with the value computed directly in doubles. */
    record Sample(String text, double value) {
        @Override
        public String toString() {
            return text + " = " + value;
        }
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.doubles().between(0.1, 3).ofScale(2).map(v -> new Sample(Double.toString(v), v)),
                () -> Arbitraries.just(new Sample("x", 1.5)),
                () -> Arbitraries.just(new Sample("y", 0.7)),
                () -> Arbitraries.lazy(this::samples).tuple2().flatMap(t -> Arbitraries.of('+', '-', '*', '/')
                        .map(op -> new Sample("(" + t.get1().text() + " " + op + " " + t.get2().text() + ")",
                                apply(op, t.get1().value(), t.get2().value())))),
                () -> Arbitraries.lazy(this::samples).map(s -> new Sample("tanh(" + s.text() + ")", Math.tanh(s.value()))),
                () -> Arbitraries.lazy(this::samples).map(s -> new Sample("-" + s.text(), -s.value())));
    }

    private static double apply(char op, double a, double b) {
        switch (op) {
            case '+': return a + b;
            case '-': return a - b;
            case '*': return a * b;
            default: return a / b;
        }
    }

    @Property(tries = 50)
    void parsedTreesEvaluateLikeTheTreesThemselves(@ForAll("samples") Sample s) {
        double got = eval(s.text(), 1.5, 0.7);
        if (Double.isFinite(s.value())) {
            assertEquals(s.value(), got, 1e-9 * Math.max(1, Math.abs(s.value())), s.text());
        }
    }
}
