package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Parameter;
import dev.chainrule.nn.Parameterized;
import dev.chainrule.nn.ScalarLoss;
import dev.chainrule.nn.ScalarMLP;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.OptimizerState;
import dev.chainrule.nn.optim.SGD;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, the on-disk format, and refusals that leave model and optimizer untouched. */
class CheckpointTest {
    @TempDir
    Path tmp;

    static ScalarMLP net(long seed) {
        return ScalarMLP.of(3, 4, 2).activation(Activation.TANH).seed(seed);
    }

    static void train(ScalarMLP net, Optimizer opt, int steps) {
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            ScalarLoss.mse(net.forward(0.5, -1, 2), 1, -1).backward();
            opt.step();
        }
    }

    static Map<String, double[]> snapshot(Parameterized m) {
        Map<String, double[]> s = new LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> s.put(k, p.snapshot()));
        return s;
    }

    static void assertSame(Map<String, double[]> expected, Parameterized m) {
        assertEquals(expected.keySet(), m.namedParameters().keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, m.namedParameters().get(k).snapshot(), 0, k));
    }

    @Test
    void roundTripRestoresModelAndOptimizerExactly() throws IOException {
        ScalarMLP a = net(1);
        Adam optA = Adam.of(a.parameters()).lr(0.01).amsgrad(true);
        train(a, optA, 5);
        Path file = tmp.resolve("ckpt.safetensors");
        Checkpoint.save(file, a, optA);

        ScalarMLP b = net(2);
        Adam optB = Adam.of(b.parameters()).lr(0.01).amsgrad(true);
        Checkpoint.load(file, b, optB);
        assertSame(snapshot(a), b);
        assertEquals(optA.state(), optB.state());

        train(a, optA, 5);
        train(b, optB, 5);
        assertSame(snapshot(a), b);
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void tensorParametersRoundTripAndOverwrite() {
        Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Parameterized m = () -> Map.of("w", Parameter.of(w));
        Path file = tmp.resolve("t.safetensors");
        Checkpoint.save(file, m);
        w.update(a -> a[0] = 100);
        Checkpoint.save(file, m);   // replaces the old file
        w.update(a -> a[0] = -1);
        Checkpoint.load(file, m);
        assertArrayEquals(new double[] {100, 2, 3, 4, 5, 6}, w.toArray(), 0);
    }

    /** The file follows the safetensors layout, read here independently of SafeTensors. */
    @Test
    void fileIsSafetensors() throws IOException {
        ScalarMLP a = net(3);
        Path file = tmp.resolve("f.safetensors");
        Checkpoint.save(file, a, SGD.of(a.parameters()));
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        JsonNode w = header.get("layers.0.weight");
        assertEquals("F64", w.get("dtype").asText());
        assertEquals("[4,3]", w.get("shape").toString());
        int begin = w.get("data_offsets").get(0).asInt();
        ByteBuffer data = ByteBuffer.wrap(bytes, 8 + (int) n + begin, 12 * 8).order(ByteOrder.LITTLE_ENDIAN);
        double[] stored = new double[12];
        data.asDoubleBuffer().get(stored);
        assertArrayEquals(a.namedParameters().get("layers.0.weight").snapshot(), stored, 0);
        assertEquals("SGD", header.get("__metadata__").get("optimizer").asText());
        assertTrue(header.has("optimizer.group.0.lr"));
    }

    /** Asserts that loading {@code file} into a fresh model and optimizer fails naming {@code word}, changing neither. */
    void assertRefused(Path file, String... words) {
        ScalarMLP m = net(9);
        Adam opt = Adam.of(m.parameters()).lr(0.01).amsgrad(true);
        train(m, opt, 2);
        Map<String, double[]> before = snapshot(m);
        OptimizerState stateBefore = opt.state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, m, opt));
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + e.getMessage() + "' should mention " + w);
        }
        assertSame(before, m);
        assertEquals(stateBefore, opt.state());
    }

    Path saved() {
        ScalarMLP a = net(1);
        Adam opt = Adam.of(a.parameters()).lr(0.01).amsgrad(true);
        train(a, opt, 3);
        Path file = tmp.resolve("good.safetensors");
        Checkpoint.save(file, a, opt);
        return file;
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        byte[] good = Files.readAllBytes(saved());
        long n = ByteBuffer.wrap(good, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        for (int len : new int[] {0, 5, 8, 8 + (int) n / 2, 8 + (int) n + 16, good.length - 1}) {
            Path cut = tmp.resolve("cut" + len);
            Files.write(cut, Arrays.copyOf(good, len));
            assertRefused(cut, "cut" + len);
        }
    }

    @Test
    void corruptedFilesAreRefused() throws IOException {
        byte[] good = Files.readAllBytes(saved());
        String text = new String(good, StandardCharsets.ISO_8859_1);

        Path badJson = tmp.resolve("json");
        Files.write(badJson, text.replaceFirst("\\{", "[").getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(badJson, "JSON");

        Path badDtype = tmp.resolve("dtype");
        Files.write(badDtype, text.replaceFirst("\"F64\"", "\"I64\"").getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(badDtype, "I64");

        Path badLength = tmp.resolve("length");
        byte[] b = good.clone();
        b[7] = 0x7f;
        Files.write(badLength, b);
        assertRefused(badLength, "header length");

        Path extraBytes = tmp.resolve("extra");
        Files.write(extraBytes, Arrays.copyOf(good, good.length + 8));
        assertRefused(extraBytes, "data bytes");
    }

    @Test
    void mismatchesNameWhatDiffers() {
        Path other = tmp.resolve("wide.safetensors");
        Checkpoint.save(other, ScalarMLP.of(3, 5, 2).seed(1), null);
        assertRefused(other, "layers.0.weight", "[5, 3]", "[4, 3]");

        Path deeper = tmp.resolve("deep.safetensors");
        Checkpoint.save(deeper, ScalarMLP.of(3, 4, 2, 2).seed(1));
        assertRefused(deeper, "layers.2");

        Path noOpt = tmp.resolve("noopt.safetensors");
        Checkpoint.save(noOpt, net(1));
        assertRefused(noOpt, "no optimizer state");

        ScalarMLP a = net(1);
        SGD sgd = SGD.of(a.parameters()).momentum(0.9);
        train(a, sgd, 2);
        Path sgdFile = tmp.resolve("sgd.safetensors");
        Checkpoint.save(sgdFile, a, sgd);
        assertRefused(sgdFile, "SGD");

        ScalarMLP shallow = ScalarMLP.of(3, 4).seed(1);
        Path missing = tmp.resolve("missing.safetensors");
        Checkpoint.save(missing, shallow);
        assertRefused(missing, "layers.1.weight", "missing");
    }

    @Test
    void readsF32Files() throws IOException {
        String json = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h).putFloat(1.5f).putFloat(-2f);
        Path f = tmp.resolve("f32.safetensors");
        Files.write(f, buf.array());
        SafeTensors.Contents c = SafeTensors.read(f);
        assertArrayEquals(new double[] {1.5, -2}, c.tensors().get("x").data(), 0);
        assertEquals("F32", c.tensors().get("x").dtype());
    }

    @Test
    void valueParametersKeepTheirLeaves() {
        List<Value> vs = Value.listOf(1, 2);
        Parameterized m = () -> Map.of("v", Parameter.of(vs));
        Path file = tmp.resolve("v.safetensors");
        Checkpoint.save(file, m);
        vs.get(1).setData(7);
        Checkpoint.load(file, m);
        assertEquals(2, vs.get(1).data());
    }
}
