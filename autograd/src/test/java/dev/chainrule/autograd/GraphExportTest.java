package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DOT export: structure of known graphs, escaping, and deep graphs without recursion. */
class GraphExportTest {
    private static final Pattern RECORD = Pattern.compile("(?m)^  n(\\d+) \\[shape=record, label=\"\\{(.*)\\}\"\\];$");
    private static final Pattern OP = Pattern.compile("(?m)^  n(\\d+)_op \\[shape=ellipse.*label=\"(.*)\"\\];$");
    private static final Pattern EDGE = Pattern.compile("(?m)^  n\\d+(_op)? -> n\\d+(_op)?;$");

    private static int count(Pattern p, String dot) {
        Matcher m = p.matcher(dot);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void knownExpressionHasOneRecordPerValueOneEllipsePerOpAndOneEdgePerInput() {
        Value x = Value.of(2).label("x");
        Value y = Value.of(3).label("y");
        Value z = x.mul(y).add(x.sin()).label("z");
        z.backward(true); // a released graph keeps no inputs to draw

        String dot = GraphExport.toDot(z);
        assertTrue(dot.startsWith("digraph chainrule {\n") && dot.endsWith("}\n"), dot);
        assertEquals(5, count(RECORD, dot), dot);        // x, y, x*y, sin x, z (x reused: once)
        assertEquals(3, count(OP, dot), dot);            // *, sin, +
        assertEquals(5 + 3, count(EDGE, dot), dot);      // 5 operand edges + 3 op -> result
        // the root is n0; its record shows label, data and the seeded gradient
        assertTrue(dot.contains("n0 [shape=record, label=\"{z | data " + GraphExport.number(6 + Math.sin(2))
                + " | grad 1}\"]"), dot);
        // x's gradient is y + cos x
        assertTrue(dot.contains("{x | data 2 | grad " + GraphExport.number(3 + Math.cos(2)) + "}"), dot);
        assertTrue(dot.contains("label=\"sin\""), dot);
        assertTrue(dot.contains("label=\"*\""), dot);
        // x feeds both the product and the sine, so two edges leave it
        String xId = idOfLabel(dot, "x");
        assertEquals(2, count(Pattern.compile("(?m)^  " + xId + " -> "), dot), dot);
    }

    @Test
    void constantsAndParametrisedOpsAreShown() {
        Value x = Value.of(3).label("x");
        Value out = x.pow(2).add(1).leakyRelu(0.01);
        String dot = GraphExport.toDot(out);
        // add(1) keeps its constant in the op (one node, "+ 1"); an explicit constant is a node
        assertTrue(dot.contains("label=\"+ 1\""), dot);
        assertTrue(dot.contains("label=\"pow 2\""), dot);
        assertTrue(dot.contains("label=\"leakyRelu 0.01\""), dot);
        assertEquals(4, count(RECORD, dot), dot);
        assertEquals(3, count(OP, dot), dot);
        String withConstant = GraphExport.toDot(x.mul(Value.constant(5)));
        assertTrue(withConstant.contains("{const | data 5 | no grad}"), withConstant);
    }

    @Test
    void recordSyntaxInLabelsIsEscaped() {
        String nasty = "a|b{c}\"d\\<e>\nf";
        Value x = Value.of(1).label(nasty);
        Value y = x.exp();
        String dot = GraphExport.toDot(y);
        assertTrue(dot.contains("a\\|b\\{c\\}\\\"d\\\\\\<e\\> f"), dot);
        // every record label, with escapes removed, has no bare record or quote syntax left
        Matcher m = RECORD.matcher(dot);
        while (m.find()) {
            String body = m.group(2).replaceAll("\\\\.", "");
            assertFalse(body.matches(".*[{}<>\"\\\\].*"), body);
        }
        assertEquals("x\\\"y\\\\z", GraphExport.escapeString("x\"y\\z"));
    }

    @Test
    void tensorsShowShapeAPreviewOfValuesAndGradients() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new double[] {0.5, -1, 2}, 3);
        Tensor loss = a.mul(b).add(a).sum();
        loss.backward(true);

        String dot = GraphExport.toDot(loss);
        assertEquals(5, count(RECORD, dot), dot);        // a, b, a*b, +, sum
        assertEquals(3, count(OP, dot), dot);
        assertEquals(5 + 3, count(EDGE, dot), dot);
        assertTrue(dot.contains("leaf [2x3] | data (1, 2, 3, 4, ... 6 values) | grad (1.5, 0, 3, 1.5, ... 6 values)"), dot);
        assertTrue(dot.contains("leaf [3] | data (0.5, -1, 2) | grad (5, 7, 9)"), dot);
        // sum(a*b + a) = 13.5 + 21; interior tensors keep no gradient unless retainGrad() was called
        assertTrue(dot.contains("{[] | data (34.5) | grad none}"), dot);
        assertTrue(dot.contains("label=\"sum\""), dot);
    }

    @Test
    void deepChainExportsOnASmallStack() throws Exception {
        int n = 100_000;
        AtomicReference<Object> result = new AtomicReference<>();
        // a 512 KiB stack: a recursive walk of 10^5 nodes would overflow it
        Thread t = new Thread(null, () -> {
            try {
                Value x = Value.of(0.5).label("x");
                Value v = x;
                for (int i = 0; i < n; i++) {
                    v = v.tanh();
                }
                result.set(GraphExport.toDot(v));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "deep-export", 512 * 1024);
        t.start();
        t.join();
        Object r = result.get();
        if (r instanceof Throwable) {
            throw new AssertionError("export of a deep chain failed", (Throwable) r);
        }
        String dot = (String) r;
        assertEquals(n + 1, count(RECORD, dot));
        assertEquals(n, count(OP, dot));
        assertEquals(2 * n, count(EDGE, dot));
    }

    @Test
    void writeDotWritesTheSameTextAndRejectsNull(@TempDir Path dir) throws Exception {
        Value x = Value.of(2).label("x");
        Value y = x.mul(x);
        Path file = GraphExport.writeDot(y, dir.resolve("sub/graph.dot"));
        assertEquals(GraphExport.toDot(y), Files.readString(file));
        Tensor t = Tensor.of(new double[] {1, 2}, 2).sum();
        assertEquals(GraphExport.toDot(t), Files.readString(GraphExport.writeDot(t, dir.resolve("t.dot"))));
        NullPointerException e = assertThrows(NullPointerException.class, () -> GraphExport.toDot((Value) null));
        assertTrue(e.getMessage().contains("root is null"));
        assertThrows(NullPointerException.class, () -> GraphExport.writeDot(y, null));
    }

    @Test
    void graphvizAcceptsTheOutputWhenInstalled(@TempDir Path dir) throws Exception {
        Path dotExe = findOnPath("dot");
        org.junit.jupiter.api.Assumptions.assumeTrue(dotExe != null, "Graphviz 'dot' not on PATH");
        Value x = Value.of(1).label("we|ird {label} \"q\" <p>");
        Value y = x.mul(2).sigmoid().pow(3);
        y.backward();
        Path file = GraphExport.writeDot(y, dir.resolve("g.dot"));
        Process p = new ProcessBuilder(dotExe.toString(), "-Tsvg", file.toString(), "-o", dir.resolve("g.svg").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.isBlank(), out);
        assertTrue(Files.readString(dir.resolve("g.svg")).contains("<svg"));
    }

    private static Path findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String idOfLabel(String dot, String label) {
        Matcher m = Pattern.compile("(?m)^  (n\\d+) \\[shape=record, label=\"\\{" + Pattern.quote(label) + " \\|").matcher(dot);
        assertTrue(m.find(), "no record labelled " + label + " in\n" + dot);
        return m.group(1);
    }
}
