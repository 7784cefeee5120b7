package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dtype f32|f64} on the tensor commands: the run header names the type beside the
 * kernel, float32 trains as well as float64, a bad name is a one-line usage error, the scalar
 * commands refuse float32, and a float64 checkpoint resumes into a float32 run saying it converted.
 */
class DtypeOptionTest {
    static double accuracy(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("held-out accuracy ([0-9.]+)%").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1)) / 100;
    }

    @Test
    void digitsTrainInFloat32AndSaySoNextToTheKernel(@TempDir Path dir) {
        Cli f32 = Cli.run("digits", "--epochs", "3", "--dtype", "f32", "--out-dir", dir.toString(), "--no-progress");
        assertEquals(0, f32.code(), f32::toString);
        assertTrue(f32.out().contains("; float32, matmul "), f32::toString);
        assertTrue(f32.out().contains("float32 parameters"), "the model tree says float32: " + f32);
        Cli f64 = Cli.run("digits", "--epochs", "3", "--out-dir", dir.toString(), "--no-progress");
        assertTrue(f64.out().contains("; float64, matmul "), f64::toString);
        assertTrue(accuracy(f32.out()) > 0.8, f32::toString);
        assertEquals(accuracy(f64.out()), accuracy(f32.out()), 0.03, "float32 learns what float64 learns");
    }

    @Test
    void irisTakesTheTypeNamesDTypeParseAccepts(@TempDir Path dir) {
        for (String name : new String[] {"F32", "float32", "f64"}) {
            Cli r = Cli.run("iris", "--epochs", "5", "--optimizer", "adam", "--dtype", name, "--out-dir", dir.toString(),
                    "--no-progress");
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains(name.equals("f64") ? "; float64, matmul" : "; float32, matmul"), r::toString);
        }
    }

    @Test
    void aBadTypeIsOneLineNamingTheChoices() {
        Cli r = Cli.run("digits", "--dtype", "f16");
        assertEquals(2, r.code(), r::toString);
        String first = r.err().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("chainrule digits: ") && first.contains("'f16' is not a type; choose f32 or f64"),
                r::toString);
        Cli scalar = Cli.run("xor", "--dtype", "f32");
        assertEquals(2, scalar.code(), scalar::toString);
        assertTrue(scalar.err().contains("Values, which are float64"), scalar::toString);
        assertEquals(0, Cli.run("xor", "--dtype", "f64", "--epochs", "1", "--no-progress").code());
    }

    @Test
    void aFloat64CheckpointResumesIntoAFloat32RunSayingItConverted(@TempDir Path dir) {
        Path ckpt = dir.resolve("d.safetensors");
        Cli first = Cli.run("digits", "--epochs", "1", "--out-dir", dir.toString(), "--no-progress", "--save",
                ckpt.toString());
        assertEquals(0, first.code(), first::toString);
        assertTrue(Files.isRegularFile(ckpt));
        Cli resumed = Cli.run("digits", "--epochs", "0", "--dtype", "f32", "--out-dir", dir.toString(), "--no-progress",
                "--resume", ckpt.toString());
        assertEquals(0, resumed.code(), resumed::toString);
        assertTrue(resumed.out().contains("(converted 4 tensors to the model's type: F64 -> float32)"), resumed::toString);
        assertEquals(accuracy(first.out()), accuracy(resumed.out()), 0.01, resumed::toString);
    }
}
