package dev.chainrule.autograd;

import static dev.chainrule.autograd.TorchJson.data;
import static dev.chainrule.autograd.TorchJson.ints;
import static dev.chainrule.autograd.TorchJson.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * prod, std, norm, the scans, argmax/argmin, sort, topk and median against PyTorch 1.13 on fixed
 * float64 inputs with zeros, ties, NaN and large magnitudes ({@code src/test/python/torch_reduction_reference.py}
 * wrote {@code reductions/torch_reference.json}): values and indices, the gradient of
 * {@code Σ_i sum(W_i ∘ value_i)}, and where recorded the second-order product
 * {@code d/dx sum(grad ∘ V)}, to 1e-10. Indices must match exactly, NaN where torch has NaN.
 */
class TorchReductionReferenceTest {
    private static final double TOL = 1e-10;
    private static JsonNode ref;

    /** A Tensor op under test: the input and the case's parameters to its values followed by its indices. */
    private record Op(BiFunction<Tensor, JsonNode, List<Tensor>> run) {
    }

    private static Op values(BiFunction<Tensor, JsonNode, Tensor> f) {
        return new Op((x, p) -> List.of(f.apply(x, p)));
    }

    private static Op sorted(BiFunction<Tensor, JsonNode, Tensor.Sorted> f) {
        return new Op((x, p) -> {
            Tensor.Sorted s = f.apply(x, p);
            return List.of(s.values(), s.indices());
        });
    }

    /** chainrule's side of each op named in the file. */
    private static final Map<String, Op> OPS = Map.ofEntries(
            Map.entry("prod", values((x, p) -> x.prod(ints(p.get("axes")), p.get("keepDims").asBoolean()))),
            Map.entry("prodAll", values((x, p) -> x.prod())),
            Map.entry("std", values((x, p) -> x.std(ints(p.get("axes")), p.get("keepDims").asBoolean(),
                    p.get("correction").asInt()))),
            Map.entry("stdAll", values((x, p) -> x.std())),
            Map.entry("norm", values((x, p) -> x.norm(p.get("p").asDouble(), ints(p.get("axes")),
                    p.get("keepDims").asBoolean()))),
            Map.entry("normAll", values((x, p) -> x.norm(p.get("p").asDouble()))),
            Map.entry("cumsum", values((x, p) -> x.cumsum(p.get("axis").asInt()))),
            Map.entry("cumprod", values((x, p) -> x.cumprod(p.get("axis").asInt()))),
            Map.entry("logCumSumExp", values((x, p) -> x.logCumSumExp(p.get("axis").asInt()))),
            Map.entry("argmax", values((x, p) -> x.argmax(p.get("axis").asInt(), p.get("keepDims").asBoolean()))),
            Map.entry("argmin", values((x, p) -> x.argmin(p.get("axis").asInt(), p.get("keepDims").asBoolean()))),
            Map.entry("argmaxAll", values((x, p) -> x.argmax())),
            Map.entry("argminAll", values((x, p) -> x.argmin())),
            Map.entry("sort", sorted((x, p) -> x.sort(p.get("axis").asInt(), p.get("descending").asBoolean()))),
            Map.entry("topk", sorted((x, p) -> x.topk(p.get("k").asInt(), p.get("axis").asInt()))),
            Map.entry("median", sorted((x, p) -> x.median(p.get("axis").asInt(), p.get("keepDims").asBoolean()))),
            Map.entry("medianAll", values((x, p) -> x.median())));

    @BeforeAll
    static void read() {
        ref = TorchJson.read("/reductions/torch_reference.json");
    }

    @Test
    void everyOpHasACase() {
        TorchJson.assertEveryOpHasACase(ref, OPS.keySet());
    }

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        return TorchJson.cases(ref, c -> check(c));
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        Tensor x = tensor(c.get("input"), true);
        List<Tensor> outs = OPS.get(c.get("op").asText()).run().apply(x, c.get("params"));
        JsonNode values = c.get("values"), indices = c.get("indices");
        for (int i = 0; i < values.size(); i++) {
            assertMatches(values.get(i), outs.get(i), name + ": values " + i);
        }
        for (int i = 0; i < indices.size(); i++) {
            Tensor ours = outs.get(values.size() + i);
            assertMatches(indices.get(i), ours, name + ": indices " + i);
            assertFalse(ours.requiresGrad(), name + ": indices are constants");
        }
        if (c.has("valuesOnly")) {
            return;
        }
        Tensor loss = Tensor.scalar(0);
        for (int i = 0; i < values.size(); i++) {
            loss = loss.add(outs.get(i).mul(tensor(c.get("weights").get(i), false)).sum());
        }
        if (Double.isNaN(c.get("loss").asDouble())) {
            assertTrue(Double.isNaN(loss.item()), name + ": loss is NaN in torch");
        } else {
            assertEquals(c.get("loss").asDouble(), loss.item(), TOL * Math.max(1, Math.abs(loss.item())), name + ": loss");
        }
        if (!loss.requiresGrad()) {
            assertTrue(Arrays.stream(data(c.get("grad"))).allMatch(g -> g == 0), name + ": torch has a gradient");
            return;
        }
        Tensor grad = Autograd.grad(List.of(loss), List.of(x), null, true, true).get(0);
        assertMatches(c.get("grad"), grad, name + ": gradient");
        if (c.has("hvp")) {
            Tensor gv = grad.mul(tensor(c.get("hvpWeights"), false)).sum();
            double[] hvp = gv.requiresGrad()
                    ? Autograd.grad(List.of(gv), List.of(x), null, false, false).get(0).toArray()
                    : new double[x.size()];
            TensorTesting.assertClose(data(c.get("hvp")), hvp, TOL, name + ": second-order product");
        }
    }

    /** The README's "Differences from PyTorch" rows for these ops: torch's recorded answer, and ours. */
    @Test
    void deliberateDifferencesFromPyTorch() {
        JsonNode d = ref.get("differences");
        Tensor ties = Tensor.constant(new double[] {3, 1, 2, 1, 3, 0, -0.0, 2, 5, 5, 5, 1}, 3, 4);
        // topk among equal values: torch's index order is unspecified; chainrule takes the earliest first
        assertArrayEquals(new double[] {0, 2, 3, 0, 3, 2, 1, 2, 0}, data(d.get("topk ties axis 1, indices")), 0);
        assertArrayEquals(new double[] {0, 2, 1, 0, 3, 1, 0, 1, 2}, ties.topk(3, 1).indices().toArray(), 0);
        // logcumsumexp after a leading run of -inf: torch's gradient is NaN there, chainrule's 0
        double[] torch = data(d.get("logcumsumexp of [-inf, -inf, 1, 2], gradient"));
        assertTrue(Double.isNaN(torch[0]) && Double.isNaN(torch[1]));
        Tensor lead = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, 2}, 4);
        lead.logCumSumExp(0).sum().backward();
        double[] ours = lead.grad().toArray();
        assertArrayEquals(new double[] {0, 0}, Arrays.copyOf(ours, 2), 0);
        assertArrayEquals(Arrays.copyOfRange(torch, 2, 4), Arrays.copyOfRange(ours, 2, 4), TOL);
    }

    // ---------------------------------------------------------------- JSON

    private static void assertMatches(JsonNode expected, Tensor actual, String what) {
        assertArrayEquals(ints(expected.get("shape")), actual.shape(), what + ": shape");
        TensorTesting.assertClose(data(expected), actual.toArray(), TOL, what);
    }

    private static Tensor tensor(JsonNode t, boolean leaf) {
        return leaf ? Tensor.of(data(t), ints(t.get("shape"))) : Tensor.constant(data(t), ints(t.get("shape")));
    }
}
