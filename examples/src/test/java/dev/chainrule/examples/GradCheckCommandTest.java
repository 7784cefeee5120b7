package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code chainrule gradcheck}: passes on smooth points, fails (exit 1) at a kink, usage errors exit 2. */
class GradCheckCommandTest {
    @Test
    void smoothExpressionPassesWithSecondOrder() {
        Cli r = Cli.run("gradcheck", "log(x)/y + x^y + sigmoid(x*y) - softplus(-y)", "--vars", "x=2,y=3",
                "--second-order");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("GradCheck gradient: PASSED"), r::toString);
        assertTrue(r.out().contains("GradCheck second order: PASSED"), r::toString);
        assertTrue(r.out().contains("point       x = 2.0, y = 3.0"), r::toString);
        // the report names the variables, not x[0], x[1]
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  y  ")), r::toString);
        assertTrue(r.out().contains("d2f/dx dy"), r::toString);
        assertTrue(!r.out().contains("x[0]") && !r.out().contains("x[1]"), r::toString);
    }

    @Test
    void aKinkFailsWithExitCodeOneAndNamesTheNode() {
        Cli r = Cli.run("gradcheck", "relu(x) + y", "--vars", "x=0,y=1");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("FAILED"), r::toString);
        assertTrue(r.out().contains("'relu'"), r::toString);
        assertTrue(r.out().contains("worst: x (analytic 0.0"), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("! x ")), r::toString);
        assertTrue(r.out().contains("hint:"), r::toString);
        assertTrue(r.noStackTrace(), r::toString);
    }

    @Test
    void looseToleranceMakesTheSameCheckPass() {
        Cli r = Cli.run("gradcheck", "relu(x) + y", "--vars", "x=0,y=1", "--atol", "0.6");
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void badSettingsAndMissingVariablesAreUsageErrors() {
        for (String[] args : new String[][] {
            {"gradcheck", "x*y", "--vars", "x=1"},
            {"gradcheck", "x", "--vars", "x=1", "--step", "0"},
            {"gradcheck", "x", "--vars", "x=1", "--atol", "abc"},
            {"gradcheck", "2*3"},
            {"gradcheck"},
        }) {
            Cli r = Cli.run(args);
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains("see 'chainrule gradcheck --help'"), r::toString);
            assertTrue(r.noStackTrace(), r::toString);
        }
    }
}
