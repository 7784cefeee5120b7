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
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.ScalarMLP;
import dev.chainrule.nn.optim.Adam;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A square layer, where a transposed weight keeps every shape and silently changes the function:
 * PyTorch's state dict ({@code src/test/python/torch_square_reference.py}), {@link MLP}'s
 * {@code Linear} and {@link ScalarMLP}'s {@code Layer} hold the same numbers under the same names
 * ([out, in], row-major), and all three give PyTorch's outputs. Also: checkpoints of format 1,
 * which held Linear weights [in, out], are converted on load.
 */
class LinearLayoutTest {
    private static final JsonNode REF = reference();

    @TempDir
    Path dir;

    private static JsonNode reference() {
        try (InputStream in = LinearLayoutTest.class.getResourceAsStream("/pytorch/square_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path torchFile() {
        try {
            return Path.of(LinearLayoutTest.class.getResource("/pytorch/square_f64.safetensors").toURI());
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

    /** The tensor model, seeded so that it differs from the file before loading. */
    private static MLP tensorModel() {
        return MLP.of(3, 3, 3).activation(Activation.TANH).seed(5);
    }

    private static ScalarMLP scalarModel() {
        return ScalarMLP.of(3, 3, 3).activation(Activation.TANH).seed(5);
    }

    private static double[] scalarOutput(ScalarMLP m) {
        double[] x = numbers("x");
        double[] out = new double[x.length];
        for (int r = 0; r < 4; r++) {
            List<Value> y = m.forward(Arrays.copyOfRange(x, 3 * r, 3 * r + 3));
            for (int j = 0; j < 3; j++) {
                out[3 * r + j] = y.get(j).data();
            }
        }
        return out;
    }

    private static void assertWeightsArePyTorchs(Map<String, double[]> weights, String model) {
        assertArrayEquals(numbers("0.weight"), weights.get("layers.0.weight"), 0, model + " layers.0.weight");
        assertArrayEquals(numbers("2.weight"), weights.get("layers.1.weight"), 0, model + " layers.1.weight");
    }

    private static Map<String, double[]> weights(MLP m) {
        Map<String, double[]> w = new LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> w.put(k, p.snapshot()));
        return w;
    }

    private static Map<String, double[]> weights(ScalarMLP m) {
        Map<String, double[]> w = new LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> w.put(k, p.snapshot()));
        return w;
    }

    @Test
    void linearAndScalarLayerHoldPyTorchsSquareWeightUnchanged() {
        MLP tensor = tensorModel();
        Checkpoint.loadPyTorch(torchFile(), tensor);
        assertArrayEquals(new int[] {3, 3}, tensor.layers().get(0).weight().shape());
        assertWeightsArePyTorchs(weights(tensor), "MLP");
        assertArrayEquals(numbers("out"), tensor.forward(Tensor.constant(numbers("x"), 4, 3)).toArray(), 1e-12);

        // the same file, through chainrule's own format, into the scalar model: the same numbers, no transpose
        Path ours = dir.resolve("ours.safetensors");
        Checkpoint.save(ours, tensor);
        ScalarMLP scalar = scalarModel();
        Checkpoint.load(ours, scalar);
        assertWeightsArePyTorchs(weights(scalar), "ScalarMLP");
        assertArrayEquals(numbers("out"), scalarOutput(scalar), 1e-12);

        // and back: the scalar model's checkpoint loads into the tensor model unchanged
        Path fromScalar = dir.resolve("scalar.safetensors");
        Checkpoint.save(fromScalar, scalar);
        MLP again = tensorModel();
        Checkpoint.load(fromScalar, again);
        assertWeightsArePyTorchs(weights(again), "MLP from ScalarMLP");
    }

    @Test
    void aSeedDrawsTheWeightsItDrewBeforeTheLayoutChangeTransposed() {
        // draws in [in, out] order, stored [out, in]: seeded runs and examples reproduce as before
        Init init = Init.XAVIER_UNIFORM;
        double[] inOut = new double[3 * 4];
        init.fill(inOut, 3, 4, new SplittableRandom(11));
        double[] w = new Linear(3, 4, init, new SplittableRandom(11)).weight().toArray();
        for (int i = 0; i < 3; i++) {
            for (int o = 0; o < 4; o++) {
                assertEquals(inOut[i * 4 + o], w[o * 3 + i], 0, "in " + i + ", out " + o);
            }
        }
    }

    /** Rewrites a format-2 checkpoint of {@code m} as format 1 wrote it: Linear weights [in, out]. */
    private Path asFormatOne(MLP m, String name, boolean withOptimizerState) {
        Path p = dir.resolve(name);
        Adam adam = Adam.of(m.parameters());
        Checkpoint.save(p, m, withOptimizerState ? adam : null);
        SafeTensors.Contents c = SafeTensors.read(p);
        Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>(c.tensors());
        for (String w : List.of("layers.0.weight", "layers.1.weight")) {
            SafeTensors.Entry e = tensors.get(w);
            int out = e.shape()[0], in = e.shape()[1];
            double[] inOut = new double[in * out];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    inOut[i * out + o] = e.data()[o * in + i];
                }
            }
            tensors.put(w, SafeTensors.Entry.of(new int[] {in, out}, inOut));
        }
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put("format", "chainrule-checkpoint-1");
        Path old = dir.resolve("v1-" + name);
        SafeTensors.write(old, tensors, meta);
        return old;
    }

    @Test
    void formatOneCheckpointsAreConvertedOnLoad() {
        MLP trained = MLP.of(3, 4, 2).seed(3);
        Path old = asFormatOne(trained, "plain.safetensors", false);
        MLP loaded = MLP.of(3, 4, 2).seed(8);
        Checkpoint.load(old, loaded);
        Map<String, double[]> want = weights(trained);
        weights(loaded).forEach((k, v) -> assertArrayEquals(want.get(k), v, 0, k));
        // a ScalarMLP's weights were always [out, in]: a format-1 file of one reads as it is
        ScalarMLP s = ScalarMLP.of(3, 3, 3).seed(2);
        Path sp = dir.resolve("scalar.safetensors");
        Checkpoint.save(sp, s);
        SafeTensors.Contents c = SafeTensors.read(sp);
        Path sOld = dir.resolve("scalar-v1.safetensors");
        SafeTensors.write(sOld, c.tensors(), Map.of("format", "chainrule-checkpoint-1"));
        ScalarMLP s2 = ScalarMLP.of(3, 3, 3).seed(4);
        Checkpoint.load(sOld, s2);
        Map<String, double[]> sw = weights(s);
        weights(s2).forEach((k, v) -> assertArrayEquals(sw.get(k), v, 0, k));
    }

    @Test
    void formatOneOptimizerStateOfLinearLayersIsRefusedSayingHowToConvert() {
        MLP trained = MLP.of(3, 4, 2).seed(3);
        Path old = asFormatOne(trained, "adam.safetensors", true);
        MLP target = MLP.of(3, 4, 2).seed(8);
        double[] before = target.layers().get(0).weight().toArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(old, target, Adam.of(target.parameters())));
        assertTrue(e.getMessage().contains("chainrule-checkpoint-1 checkpoint, written while Linear weights were "
                + "[in, out]"), e.getMessage());
        assertTrue(e.getMessage().contains("Load the model alone with Checkpoint.load(path, model)"), e.getMessage());
        assertArrayEquals(before, target.layers().get(0).weight().toArray(), 0, "nothing changed");
        Checkpoint.load(old, target); // the advice works
        assertArrayEquals(trained.layers().get(0).weight().toArray(), target.layers().get(0).weight().toArray(), 0);
    }

    @Test
    void aFormatOneWeightOfTheWrongShapeNamesBothLayouts() {
        Path old = asFormatOne(MLP.of(3, 4, 2), "wide.safetensors", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(old, MLP.of(3, 5, 2)));
        assertTrue(e.getMessage().contains("parameter 'layers.0.weight' has shape [3, 4] in the file but [3, 5] (the "
                + "model's [5, 3] in the [in, out] layout of chainrule-checkpoint-1)"), e.getMessage());
    }
}
