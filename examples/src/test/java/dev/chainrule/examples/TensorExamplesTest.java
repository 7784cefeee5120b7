package dev.chainrule.examples;

import static dev.chainrule.examples.ScalarExamplesTest.accuracy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code digits}, {@code iris} and {@code fashion-mnist} on small settings, checkpoints, bad data. */
class TensorExamplesTest {
    @Test
    void digitsLearnInAFewEpochsAndRepeatPerSeed(@TempDir Path dir) throws Exception {
        String[] args = {"digits", "--epochs", "3", "--out-dir", dir.toString(), "--no-progress", "--seed", "5"};
        Cli r = Cli.run(args);
        assertEquals(0, r.code(), r::toString);
        assertTrue(accuracy(r.out(), "held-out accuracy") > 0.5, r::toString);
        assertNotNull(ImageIO.read(dir.resolve("digits-curves.png").toFile()));
        assertEquals(r.out().replaceAll("took [0-9.]+ s", ""), Cli.run(args).out().replaceAll("took [0-9.]+ s", ""));
    }

    @Test
    void aSavedCheckpointResumesToTheSameModel(@TempDir Path dir) {
        Path ckpt = dir.resolve("digits.safetensors");
        Cli first = Cli.run("digits", "--epochs", "2", "--out-dir", dir.toString(), "--no-progress", "--save",
                ckpt.toString());
        assertEquals(0, first.code(), first::toString);
        assertTrue(Files.isRegularFile(ckpt), first::toString);
        Cli resumed = Cli.run("digits", "--epochs", "0", "--out-dir", dir.toString(), "--no-progress", "--resume",
                ckpt.toString());
        assertEquals(0, resumed.code(), resumed::toString);
        assertTrue(resumed.out().contains("resumed from"), resumed::toString);
        assertEquals(accuracy(first.out(), "held-out accuracy"), accuracy(resumed.out(), "held-out accuracy"));
        // another model's checkpoint is refused with a message, not a stack trace
        Cli wrong = Cli.run("xor", "--no-progress", "--out-dir", dir.toString(), "--resume", ckpt.toString());
        assertEquals(1, wrong.code(), wrong::toString);
        assertTrue(wrong.err().contains("does not fit"), wrong::toString);
        assertTrue(wrong.noStackTrace(), wrong::toString);
    }

    @Test
    void irisComparesThreeOptimizersOnOneChart(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("iris", "--epochs", "15", "--out-dir", dir.toString(), "--no-progress");
        assertEquals(0, r.code(), r::toString);
        for (String name : new String[] {"sgd", "momentum", "adam"}) {
            Matcher m = Pattern.compile("(?m)^  " + name + " .*held-out accuracy ([0-9.]+)%").matcher(r.out());
            assertTrue(m.find(), "no line for " + name + " in\n" + r);
            assertTrue(Double.parseDouble(m.group(1)) > 50, "three classes, chance 33 %: " + m.group());
        }
        assertNotNull(ImageIO.read(dir.resolve("iris-optimizers.png").toFile()));
        Cli one = Cli.run("iris", "--epochs", "5", "--optimizer", "rmsprop", "--out-dir", dir.toString(), "--no-progress");
        assertEquals(0, one.code(), one::toString);
        assertTrue(one.out().contains("rmsprop") && !one.out().contains("  sgd "), one::toString);
    }

    @Test
    void fashionMnistWithoutItsFilesNamesTheDebianPackage(@TempDir Path dir) {
        Cli r = Cli.run("fashion-mnist", "--data", dir.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("dataset-fashion-mnist"), r::toString);
        assertTrue(r.err().contains("train-images-idx3-ubyte"), r::toString);
        assertTrue(r.noStackTrace(), r::toString);
    }

    @Test
    void fashionMnistTrainsOnIdxFiles(@TempDir Path dir) throws IOException {
        // small IDX files in the standard layout: class k images are bright in row band k
        SplittableRandom rng = new SplittableRandom(1);
        writeIdx(dir, "train", 300, rng);
        writeIdx(dir, "t10k", 100, rng);
        Cli r = Cli.run("fashion-mnist", "--data", dir.toString(), "--epochs", "3", "--out-dir", dir.toString(),
                "--no-progress", "--batch-size", "32", "--threads", "1");
        assertEquals(0, r.code(), r::toString);
        assertTrue(accuracy(r.out(), "held-out accuracy") > 0.5, r::toString);
        // like every command, it says which kernel ran (KernelReportTest has the others)
        assertTrue(r.out().contains("matmul bundled-openblas, 1 thread"), r::toString);
    }

    @Test
    void fashionMnistFromDebiansPackageBeatsChance(@TempDir Path dir) {
        Assumptions.assumeTrue(Files.isRegularFile(FashionMnistCommand.DEBIAN_DIR.resolve("train-labels-idx1-ubyte.gz")),
                "dataset-fashion-mnist is not installed");
        Cli r = Cli.run("fashion-mnist", "--limit", "3000", "--epochs", "1", "--out-dir", dir.toString(), "--no-progress");
        assertEquals(0, r.code(), r::toString);
        assertTrue(accuracy(r.out(), "held-out accuracy") > 0.6, r::toString);
    }

    private static void writeIdx(Path dir, String prefix, int n, SplittableRandom rng) throws IOException {
        int[] labels = new int[n];
        byte[] pixels = new byte[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
            for (int p = 0; p < 28 * 28; p++) {
                int row = p / 28;
                boolean lit = row / 2 == labels[i] + 2 ? rng.nextDouble() < 0.9 : rng.nextDouble() < 0.1;
                pixels[i * 784 + p] = (byte) (lit ? 200 + rng.nextInt(56) : rng.nextInt(40));
            }
        }
        try (DataOutputStream out = new DataOutputStream(gz(dir.resolve(prefix + "-images-idx3-ubyte.gz")))) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            out.write(pixels);
        }
        try (DataOutputStream out = new DataOutputStream(gz(dir.resolve(prefix + "-labels-idx1-ubyte.gz")))) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            for (int l : labels) {
                out.writeByte(l);
            }
        }
    }

    private static OutputStream gz(Path file) throws IOException {
        return new GZIPOutputStream(Files.newOutputStream(file));
    }
}
