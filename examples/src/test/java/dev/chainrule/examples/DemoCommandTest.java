package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code chainrule demo}: the printed numbers are the spec's, each beside its formula. */
class DemoCommandTest {
    /** Reads the last number on the first output line that starts with {@code name} after {@code section}. */
    private static double printed(String out, String section, String name) {
        int from = out.indexOf(section);
        assertTrue(from >= 0, "no section '" + section + "' in\n" + out);
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(name) + " +(.*?)(-?[0-9.]+(?:E-?[0-9]+)?)$")
                .matcher(out.substring(from));
        assertTrue(m.find(), "no line for " + name + " after " + section + " in\n" + out);
        return Double.parseDouble(m.group(2));
    }

    @Test
    void demoPrintsTheWorkedExampleToOneInTenToTheTwelve() {
        Cli r = Cli.run("demo", "--part1-only");
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        assertEquals(0.3318122278318339, printed(out, "Forward pass", "o4"), 1e-12);
        assertEquals(0.52497918747894, printed(out, "Forward pass", "o5"), 1e-12);
        assertEquals(0.47388889882398544, printed(out, "Forward pass", "o6"), 1e-12);
        assertEquals(0.1311690782143445, printed(out, "Backward pass", "delta6"), 1e-12);
        assertEquals(-0.0065420850641689935, printed(out, "Backward pass", "delta5"), 1e-12);
        assertEquals(-0.008724561965433263, printed(out, "Backward pass", "delta4"), 1e-12);
        Map<String, Double> updated = Map.ofEntries(
                Map.entry("w14", 0.19214789423111006), Map.entry("w24", 0.4), Map.entry("w34", -0.50785210576889),
                Map.entry("b4", -0.40785210576888997), Map.entry("w15", -0.30588787655775207),
                Map.entry("w25", 0.1), Map.entry("w35", 0.19411212344224793), Map.entry("b5", 0.19411212344224793),
                Map.entry("w46", -0.26082884634154524), Map.entry("w56", -0.13802506750700472),
                Map.entry("b6", 0.21805217039291008));
        updated.forEach((w, v) -> assertEquals(v, printed(out, "Update", w), 1e-12, w));
        assertEquals(0.515247950984996, printed(out, "After the step", "o6"), 1e-12);
        // the tensor network reproduces the scalar step
        Matcher diff = Pattern.compile("largest difference from the scalar weights above: (\\S+)").matcher(out);
        assertTrue(diff.find(), out);
        assertTrue(Double.parseDouble(diff.group(1)) <= 1e-12, diff.group());
        // and the demo says how close it came to every number of the spec
        Matcher spec = Pattern.compile("Checked against shared/spec/worked-example.md: largest difference (\\S+) "
                + "over its 18 exact numbers \\(at [^)]+\\), matched within the 1.0E-12 required").matcher(out);
        assertTrue(spec.find(), out);
        assertTrue(Double.parseDouble(spec.group(1)) <= 1e-12, spec.group());
        // formulas are printed beside the numbers
        assertTrue(out.contains("o6 (1 - o6) (t - o6)"), out);
        assertTrue(out.contains("w14 + eta delta4 x1"), out);
        assertTrue(r.noStackTrace(), r::toString);
    }

    @Test
    void demoPartTwoTrainsOnDigitsAndDrawsCurves(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Cli r = Cli.run("demo", "--epochs", "3", "--out-dir", dir.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Part 2"), r::toString);
        double acc = ScalarExamplesTest.accuracy(r.out(), "held-out accuracy");
        assertTrue(acc > 0.5, "digits are ten classes (chance 10 %), got " + acc);
        java.nio.file.Path png = dir.resolve("digits-curves.png");
        assertTrue(r.out().contains(png.toString()), r::toString);
        assertEquals(1120, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        assertTrue(r.err().contains("digits"), "progress bar expected on the error stream:\n" + r);
    }
}
