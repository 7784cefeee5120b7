package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code chainrule graph}: value, gradients, DOT (and SVG with Graphviz), bad input. */
class GraphCommandTest {
    private static double number(String out, String prefix) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(prefix) + "\\s+(\\S+)$").matcher(out);
        assertTrue(m.find(), "no line '" + prefix + "' in\n" + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void printsValueAndGradientsAndWritesTheGraph(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("graph", "tanh(x*y + sin(x))^2", "--vars", "x=1,y=2", "--out-dir", dir.toString());
        assertEquals(0, r.code(), r::toString);
        double inner = 2 + Math.sin(1), t = Math.tanh(inner), d = 2 * t * (1 - t * t);
        assertEquals(t * t, number(r.out(), "value"), 1e-15);
        assertEquals(d * (2 + Math.cos(1)), number(r.out(), "  d/dx"), 1e-12);
        assertEquals(d, number(r.out(), "  d/dy"), 1e-12);
        Path dot = dir.resolve("graph.dot");
        assertTrue(r.out().contains(dot.toString()), r::toString);
        String text = Files.readString(dot);
        // x, y, x*y, sin x, +, tanh, ^2: seven records, five op nodes
        assertEquals(7, text.split("shape=record", -1).length - 1, text);
        assertEquals(5, text.split("shape=ellipse", -1).length - 1, text);
        assertTrue(text.contains("{out | data"), text);
        if (Graphviz.findDot().isPresent()) {
            assertTrue(Files.readString(dir.resolve("graph.svg")).contains("<svg"), r::toString);
            assertTrue(r.out().contains("graph.svg"), r::toString);
        } else {
            assertTrue(r.out().contains("apt-get install graphviz"), r::toString);
        }
    }

    @Test
    void aConstantExpressionHasNoGradients(@TempDir Path dir) {
        Cli r = Cli.run("graph", "2 * pi", "--out-dir", dir.toString(), "--name", "c");
        assertEquals(0, r.code(), r::toString);
        assertEquals(2 * Math.PI, number(r.out(), "value"), 1e-15);
        assertTrue(r.out().contains("does not depend on any variable"), r::toString);
        assertTrue(Files.exists(dir.resolve("c.dot")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh(x*y", "x + z", "foo(x)", "x $ 2"})
    void badExpressionsAreUsageErrors(String text, @TempDir Path dir) {
        Cli r = Cli.run("graph", text, "--vars", "x=1,y=2", "--out-dir", dir.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("see 'chainrule graph --help'"), r::toString);
        assertTrue(r.noStackTrace(), r::toString);
    }

    @Test
    void badVarsAreUsageErrors() {
        for (String vars : new String[] {"x=one", "x", "=2"}) {
            Cli r = Cli.run("graph", "x", "--vars", vars);
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.noStackTrace(), r::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "../x", "sub/x", "/tmp/x", "..", ".", "a\\b", " "})
    void aNameCannotLeaveTheOutputDirectory(String name, @TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("deep/out"));
        Cli r = Cli.run("graph", "x", "--vars", "x=1", "--out-dir", out.toString(), "--name", name);
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--name '" + name + "': give a plain file name"), r::toString);
        try (var files = Files.walk(dir)) {
            assertEquals(0, files.filter(Files::isRegularFile).count(), "nothing written anywhere");
        }
    }

    @Test
    void aPlainNameIsUsedInsideTheOutputDirectory(@TempDir Path dir) {
        Cli r = Cli.run("graph", "x", "--vars", "x=1", "--out-dir", dir.toString(), "--name", "..my.graph-1");
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.isRegularFile(dir.resolve("..my.graph-1.dot")), r::toString);
    }

    @Test
    void aLargeGraphIsWrittenAsDotButNotRendered(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("x*0");
        for (int i = 1; i < 2000; i++) {
            text.append(" + x*").append(i);
        }
        Cli r = Cli.run("graph", text.toString(), "--vars", "x=1", "--out-dir", dir.toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals(1999 * 2000 / 2.0, number(r.out(), "  d/dx"), 0);
        assertTrue(r.out().contains("not rendered: 6000 nodes is more than the " + Graphviz.MAX_NODES), r::toString);
        assertTrue(r.out().contains("dot -Tsvg "), r::toString);
        assertTrue(Files.size(dir.resolve("graph.dot")) > 0);
        assertTrue(!Files.exists(dir.resolve("graph.svg")), "no rendering was attempted");
        // the expression is echoed shortened, with its length
        assertTrue(r.out().contains("(" + text.length() + " characters)"), r::toString);
        assertTrue(r.out().length() < 2000, () -> "output of " + r.out().length() + " characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "sin(", "-", "x^"})
    void aTenThousandDeepExpressionIsRefusedWithAShortMessage(String opener) {
        String text = opener.repeat(10_000) + "x" + (opener.endsWith("(") ? ")".repeat(10_000) : "");
        Cli r = Cli.run("graph", "--vars", "x=1", "--", text); // "--": a text starting with '-' is no option
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("nests deeper than"), r::toString);
        assertTrue(r.err().contains(" of " + text.length() + ")"), r::toString);
        assertTrue(r.err().length() < 400, () -> "a message of " + r.err().length() + " characters:\n" + r.err());
        assertTrue(r.noStackTrace(), r::toString);
    }
}
