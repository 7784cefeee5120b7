package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.ActivationModule;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.LayerNorm;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Checkpoint#loadPyTorch} and {@link Checkpoint#savePyTorch} against state dicts that
 * PyTorch wrote ({@code src/test/python/torch_sequential_reference.py}): the loaded models give
 * PyTorch's outputs, and what chainrule saves has PyTorch's names, shapes and layout.
 */
class PyTorchCheckpointTest {
    private static final JsonNode REF = reference();

    @TempDir
    Path dir;

    private static JsonNode reference() {
        try (InputStream in = PyTorchCheckpointTest.class.getResourceAsStream("/pytorch/reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(PyTorchCheckpointTest.class.getResource("/pytorch/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] numbers(String key) {
        JsonNode n = REF.get(key);
        double[] d = new double[n.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = n.get(i).asDouble();
        }
        return d;
    }

    private static double[] output(Module m) {
        return m.forward(Tensor.constant(numbers("x"), 6, 3)).toArray();
    }

    /** The torch model's twin, initialised to something else so a load that did nothing fails. */
    private static Sequential sequential() {
        SplittableRandom rng = new SplittableRandom(3);
        return new Sequential(new Linear(3, 5, rng), ActivationModule.tanh(), new Linear(5, 4, rng),
                ActivationModule.tanh(), new Dropout(0.5, rng), new Linear(4, 2, rng));
    }

    private static Sequential sequentialWithoutDropout() {
        SplittableRandom rng = new SplittableRandom(3);
        return new Sequential(new Linear(3, 5, rng), ActivationModule.tanh(), new Linear(5, 4, rng),
                ActivationModule.tanh(), new Linear(4, 2, rng));
    }

    @Test
    void sequentialAndMlpLoadedFromPyTorchGiveItsOutputs() {
        Sequential seq = sequentialWithoutDropout();
        MLP mlp = MLP.of(3, 5, 4, 2).activation(Activation.TANH).seed(9);
        for (Module m : List.<Module>of(seq, mlp)) {
            Checkpoint.loadPyTorch(resource("sequential_f64.safetensors"), m);
            assertArrayEquals(numbers("out_f64"), output(m), 1e-12, m.summary());
            Checkpoint.loadPyTorch(resource("sequential_f32.safetensors"), m);
            assertArrayEquals(numbers("out_f32"), output(m), 1e-12, m.summary() + " from F32");
        }
    }

    @Test
    void savedStateDictHasPyTorchsNamesShapesAndLayoutAndLoadsBack() throws IOException {
        Sequential seq = sequentialWithoutDropout();
        Checkpoint.loadPyTorch(resource("sequential_f64.safetensors"), seq);
        Path out = Path.of("target", "pytorch", "roundtrip.safetensors"); // the python script's --check reads it
        Files.createDirectories(out.getParent());
        Checkpoint.savePyTorch(out, seq);

        SafeTensors.Contents saved = SafeTensors.read(out);
        SafeTensors.Contents torch = SafeTensors.read(resource("sequential_f64.safetensors"));
        assertEquals(torch.tensors().keySet(), saved.tensors().keySet());
        for (Map.Entry<String, SafeTensors.Entry> e : torch.tensors().entrySet()) {
            assertArrayEquals(e.getValue().shape(), saved.tensors().get(e.getKey()).shape(), e.getKey());
            assertArrayEquals(e.getValue().data(), saved.tensors().get(e.getKey()).data(), 0, e.getKey());
        }
        assertEquals("pt", saved.metadata().get("format"));

        Sequential withDropout = sequential(); // its last Linear is at position 5, the file's at 4
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.loadPyTorch(out, withDropout));
        assertTrue(e.getMessage().contains("'5.weight' is missing from the file"), e.getMessage());
        MLP mlp = MLP.of(3, 5, 4, 2).activation(Activation.TANH);
        Checkpoint.loadPyTorch(out, mlp);
        assertArrayEquals(numbers("out_f64"), output(mlp), 1e-12);
    }

    @Test
    void dropoutLayersHoldNothingAndShiftThePositions() {
        Sequential seq = sequential(); // Linear at 0, 2 and 5
        Path p = dir.resolve("dropout.safetensors");
        Checkpoint.savePyTorch(p, seq);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "5.weight", "5.bias"),
                List.copyOf(SafeTensors.read(p).tensors().keySet()));
    }

    @Test
    void mismatchesAreRefusedBeforeAnythingChanges() {
        Path torch = resource("sequential_f64.safetensors");
        MLP wide = MLP.of(3, 6, 4, 2);
        double[] before = wide.layers().get(0).weight().toArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.loadPyTorch(torch, wide));
        assertTrue(e.getMessage().contains("'0.weight' has shape [5, 3] in the file but the model needs [6, 3] "
                + "(PyTorch's Linear layout [out, in])"), e.getMessage());
        assertArrayEquals(before, wide.layers().get(0).weight().toArray(), 0);

        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.loadPyTorch(torch, MLP.of(3, 5, 4)));
        assertTrue(e.getMessage().contains("which the model has no place for (it expects [0.weight, 0.bias, 2.weight, 2.bias])"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.loadPyTorch(torch, new Sequential(new Linear(3, 5, false), new LayerNorm(5))));
        assertTrue(e.getMessage().contains("layer 1 (LayerNorm(5, eps 1.0E-5)) is neither a Linear"), e.getMessage());

        MLP ours = MLP.of(3, 5, 4, 2);
        Path native_ = dir.resolve("native.safetensors");
        Checkpoint.save(native_, ours);
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.loadPyTorch(native_, ours));
        assertTrue(e.getMessage().contains("the file is a chainrule checkpoint: read it with Checkpoint.load"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(torch, ours));
        assertTrue(e.getMessage().contains("Checkpoint.loadPyTorch"), e.getMessage());
    }
}
