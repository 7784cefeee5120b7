package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

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
}
