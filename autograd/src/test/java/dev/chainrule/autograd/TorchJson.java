package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Reading the PyTorch reference files the committed {@code src/test/python} scripts write:
 * {@code {"torch": version, "cases": [{"op": ..., ...}]}}, tensors as {@code {"shape", "data"}},
 * NaN and ±Infinity allowed as numbers.
 */
final class TorchJson {
    private TorchJson() {
    }

    /** The JSON document at {@code resource} on the test classpath. */
    static JsonNode read(String resource) {
        try (InputStream in = TorchJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource + "; run its script in src/test/python");
            }
            return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of integers. */
    static int[] ints(JsonNode list) {
        int[] v = new int[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = list.get(i).asInt();
        }
        return v;
    }

    /** A tensor's shape. */
    static int[] shape(JsonNode t) {
        return ints(t.get("shape"));
    }

    /** A tensor's numbers, or a plain array of numbers. */
    static double[] data(JsonNode t) {
        JsonNode d = t.isArray() ? t : t.get("data");
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.get(i).asDouble();
        }
        return out;
    }

    /** The file was written by torch 1.13 and has a case for exactly the ops the test knows. */
    static void assertEveryOpHasACase(JsonNode ref, Set<String> ops) {
        Set<String> covered = new HashSet<>();
        ref.get("cases").forEach(c -> covered.add(c.get("op").asText()));
        assertEquals(ops, covered);
        assertTrue(ref.get("torch").asText().startsWith("1.13"), ref.get("torch").asText());
    }

    /** One dynamic test per case of {@code ref}, named by the case, running {@code check} on it. */
    static Stream<DynamicTest> cases(JsonNode ref, Consumer<JsonNode> check) {
        List<DynamicTest> tests = new ArrayList<>();
        ref.get("cases").forEach(c -> tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check.accept(c))));
        return tests.stream();
    }

    /** The case's {@code inputs} as leaves that want a gradient. */
    static List<Tensor> inputs(JsonNode c) {
        List<Tensor> inputs = new ArrayList<>();
        c.get("inputs").forEach(t -> inputs.add(Tensor.of(data(t), shape(t))));
        return inputs;
    }

    /**
     * Compares {@code outs} with the case's {@code outputs} (count, shapes, numbers), then the
     * weighted loss {@code Σ sum(out_i · weights_i)} with its {@code loss}, and runs backward on
     * it, so the caller can compare the inputs' gradients with the case's {@code grads}.
     */
    static void assertOutputsThenBackward(JsonNode c, List<Tensor> outs, double tol) {
        String name = c.get("name").asText();
        JsonNode expected = c.get("outputs"), weights = c.get("weights");
        assertEquals(expected.size(), outs.size(), name + ": number of outputs");
        Tensor loss = Tensor.scalar(0);
        for (int i = 0; i < outs.size(); i++) {
            JsonNode e = expected.get(i);
            assertArrayEquals(shape(e), outs.get(i).shape(), name + ": shape of output " + i);
            TensorTesting.assertClose(data(e), outs.get(i).toArray(), tol, name + ": output " + i);
            loss = loss.add(outs.get(i).mul(Tensor.constant(data(weights.get(i)), shape(weights.get(i)))).sum());
        }
        assertEquals(c.get("loss").asDouble(), loss.item(), tol * Math.max(1, Math.abs(loss.item())), name + ": loss");
        loss.backward();
    }
}
