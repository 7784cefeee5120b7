package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xor} and {@code moons} on small settings: they learn, write their PNG, and repeat per seed. */
class ScalarExamplesTest {
    static double accuracy(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + " ([0-9.]+)%").matcher(out);
        assertTrue(m.find(), "no '" + label + "' in\n" + out);
        return Double.parseDouble(m.group(1)) / 100;
    }

    @Test
    void xorIsLearnedExactly(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("xor", "--out-dir", dir.toString(), "--no-progress");
        assertEquals(0, r.code(), r::toString);
        assertEquals(1.0, accuracy(r.out(), "accuracy"), r::toString);
        assertNotNull(ImageIO.read(dir.resolve("xor.png").toFile()));
    }

    @Test
    void moonsBeatChanceOnHeldOutPointsAndRepeatPerSeed(@TempDir Path dir) throws Exception {
        String[] args = {"moons", "--epochs", "30", "--samples", "60", "--out-dir", dir.toString(), "--seed", "3"};
        Cli r = Cli.run(args);
        assertEquals(0, r.code(), r::toString);
        assertTrue(accuracy(r.out(), "test accuracy") > 0.8, r::toString);
        Path png = dir.resolve("moons.png");
        assertTrue(r.out().contains(png.toString()), r::toString);
        assertNotNull(ImageIO.read(png.toFile()));
        // the progress bar went to the error stream, with loss and accuracy
        assertTrue(r.err().contains("moons") && r.err().contains("acc"), r::toString);
        // same seed, same run
        Cli again = Cli.run(args);
        assertEquals(strip(r.out()), strip(again.out()));
        Files.delete(png);
    }

    /** The output without the wall-clock time. */
    private static String strip(String out) {
        return out.replaceAll("took [0-9.]+ s", "took T");
    }

    @Test
    void badTrainingOptionsAreUsageErrors() {
        for (String[] args : new String[][] {
            {"moons", "--epochs", "-1"}, {"moons", "--lr", "0"}, {"moons", "--batch-size", "0"},
            {"moons", "--optimizer", "lbfgs"}, {"moons", "--samples", "2"}, {"xor", "--threads", "0"},
            {"xor", "--resume", "/nonexistent/file.ckpt"}, {"xor", "--epochs", "many"},
            {"xor", "--save", "/proc/no/such/dir/x.safetensors"}, {"iris", "--lr-schedule", "step"},
        }) {
            Cli r = Cli.run(args);
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains("see 'chainrule " + args[0] + " --help'"), r::toString);
            assertTrue(r.noStackTrace(), r::toString);
        }
    }

    @Test
    void moonsResumeFromACheckpointToTheSameModel(@TempDir Path dir) {
        Path ckpt = dir.resolve("moons.safetensors");
        Cli first = Cli.run("moons", "--epochs", "5", "--samples", "40", "--no-progress", "--out-dir", dir.toString(),
                "--save", ckpt.toString());
        assertEquals(0, first.code(), first::toString);
        Cli resumed = Cli.run("moons", "--epochs", "0", "--samples", "40", "--no-progress", "--out-dir", dir.toString(),
                "--resume", ckpt.toString());
        assertEquals(0, resumed.code(), resumed::toString);
        assertEquals(accuracy(first.out(), "test accuracy"), accuracy(resumed.out(), "test accuracy"), resumed::toString);
        assertEquals(accuracy(first.out(), "train accuracy"), accuracy(resumed.out(), "train accuracy"));
    }
}
