package org.example.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.io.Checkpoint;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An MLP that PyTorch trained and saved: torch.nn.Sequential(Linear(3, 5), Tanh(), Linear(5, 4),
 * Tanh(), Linear(4, 2)) in float64, its state dict written with safetensors.torch.save_file.
 * torch_mlp.safetensors and torch_mlp.json (inputs x, PyTorch's outputs out_f64) are copies of
 * chainrule's nn/src/test/resources/pytorch/sequential_f64.safetensors and reference.json, made
 * by nn/src/test/python/torch_sequential_reference.py.
 */
class PyTorchModelTest {

    @Test
    void aModelSavedByPyTorchGivesPyTorchsOutputs() throws IOException, URISyntaxException {
        MLP net = MLP.of(3, 5, 4, 2).activation(Activation.TANH);
        Checkpoint.loadPyTorch(resource("torch_mlp.safetensors"), net);
        String json = Files.readString(resource("torch_mlp.json"));
        Tensor x = Tensor.constant(numbers(json, "x"), 6, 3);
        assertArrayEquals(numbers(json, "out_f64"), net.forward(x).toArray(), 1e-12);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(PyTorchModelTest.class.getResource("/" + name).toURI());
    }

    /** The numbers of the array {@code "key": [...]} in a flat JSON object. */
    private static double[] numbers(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no array " + key + " in torch_mlp.json");
        }
        return Arrays.stream(m.group(1).split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
    }
}
