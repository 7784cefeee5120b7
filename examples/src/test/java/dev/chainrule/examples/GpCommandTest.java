package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code chainrule gp} on a small subset (one month a year) and few iterations, and its refusals. */
class GpCommandTest {
    static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), "no '" + regex + "' in\n" + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aQuickFitImprovesTheLikelihoodAndPlotsTheForecast(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("gp", "--every", "12", "--max-iter", "8", "--until", "2010", "--threads", "1",
                "--out-dir", dir.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("44 monthly readings"), r::toString);
        double start = number(r.out(), "start: +log marginal likelihood (-?[0-9.]+)");
        double fitted = number(r.out(), "fitted: log marginal likelihood (-?[0-9.]+)");
        assertTrue(fitted > start, r::toString);
        assertTrue(number(r.out(), "after ([0-9]+) iterations") <= 8, r::toString);
        assertTrue(r.out().contains("the fit took"), r::toString);
        assertTrue(r.out().contains("noise variance σn²"), r::toString);
        double forecast = number(r.out(), "forecast 2009.9[0-9]: ([0-9.]+) ppm");
        assertTrue(forecast > 360 && forecast < 420, r::toString);
        BufferedImage png = ImageIO.read(dir.resolve("gp-co2.png").toFile());
        assertNotNull(png);
        assertTrue(png.getWidth() > 500, "width " + png.getWidth());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--every 0", "--max-iter 0", "--until 1990", "--threads 0", "--every x"})
    void badOptionsAreUsageErrors(String line) {
        Cli r = Cli.run(("gp " + line).split(" "));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("chainrule gp: ") && r.err().contains("see 'chainrule gp --help'"), r::toString);
        assertTrue(r.noStackTrace(), r::toString);
    }
}
