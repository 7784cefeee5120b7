package dev.chainrule.autograd;

import static dev.chainrule.autograd.TorchJson.data;
import static dev.chainrule.autograd.TorchJson.ints;
import static dev.chainrule.autograd.TorchJson.shape;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layout op and einsum, forward and gradient, against PyTorch 1.13 on fixed float64 inputs
 * ({@code src/test/python/torch_layout_reference.py} wrote {@code layout/torch_reference.json}),
 * to 1e-12. The loss of each case is {@code Σ_i sum(W_i ∘ output_i)} with the weights read from
 * the file; ops with several outputs (split, chunk) compare each piece.
 */
class TorchLayoutReferenceTest {
    private static final double TOL = 1e-12;
    private static JsonNode ref;

    /** chainrule's side of each op named in the file: arguments and inputs to the outputs compared. */
    private static final Map<String, BiFunction<JsonNode, List<Tensor>, List<Tensor>>> OPS = Map.ofEntries(
            Map.entry("flip", (a, x) -> List.of(x.get(0).flip(ints(a.get("axes"))))),
            Map.entry("roll", (a, x) -> List.of(x.get(0).roll(a.get("shift").asInt(), a.get("axis").asInt()))),
            Map.entry("pad", (a, x) -> {
                int[][] w = new int[a.get("widths").size()][];
                for (int d = 0; d < w.length; d++) {
                    w[d] = ints(a.get("widths").get(d));
                }
                return List.of(x.get(0).pad(w, a.get("value").asDouble()));
            }),
            Map.entry("repeat", (a, x) -> List.of(x.get(0).repeat(ints(a.get("reps"))))),
            Map.entry("repeatInterleave", (a, x) -> List.of(x.get(0).repeatInterleave(a.get("repeats").asInt(), a.get("axis").asInt()))),
            Map.entry("rollFlat", (a, x) -> List.of(x.get(0).roll(a.get("shift").asInt()))),
            Map.entry("repeatInterleaveFlat", (a, x) -> List.of(x.get(0).repeatInterleave(a.get("repeats").asInt()))),
            Map.entry("repeatInterleaveCounts", (a, x) -> List.of(x.get(0).repeatInterleave(ints(a.get("counts")),
                    a.get("axis").asInt()))),
            Map.entry("split", (a, x) -> x.get(0).split(a.get("size").asInt(), a.get("axis").asInt())),
            Map.entry("chunk", (a, x) -> x.get(0).chunk(a.get("n").asInt(), a.get("axis").asInt())),
            Map.entry("tril", (a, x) -> List.of(x.get(0).tril(a.get("k").asInt()))),
            Map.entry("triu", (a, x) -> List.of(x.get(0).triu(a.get("k").asInt()))),
            Map.entry("diagonal", (a, x) -> List.of(x.get(0).diagonal())),
            Map.entry("trace", (a, x) -> List.of(x.get(0).trace())),
            Map.entry("maskedFill", (a, x) -> List.of(x.get(0).maskedFill(
                    Tensor.constant(data(a.get("mask")), shape(a.get("mask"))), a.get("value").asDouble()))),
            Map.entry("slice", (a, x) -> List.of(x.get(0).slice(a.get("axis").asInt(), a.get("start").asInt(),
                    a.get("end").asInt(), a.get("step").asInt()))),
            Map.entry("einsum", (a, x) -> List.of(Tensor.einsum(a.get("spec").asText(), x.toArray(new Tensor[0])))));

    @BeforeAll
    static void read() {
        ref = TorchJson.read("/layout/torch_reference.json");
    }

    @Test
    void everyOpHasACase() {
        TorchJson.assertEveryOpHasACase(ref, OPS.keySet());
    }

    @Test
    void theEinsumSpecsTheIssueNames() {
        Set<String> specs = new HashSet<>();
        ref.get("cases").forEach(c -> {
            if (c.get("op").asText().equals("einsum")) {
                specs.add(c.get("args").get("spec").asText());
            }
        });
        assertTrue(specs.containsAll(List.of("ij,jk->ik", "bij,bjk->bik", "ii->i", "ii", "i,j->ij", "...ij,...jk")), specs::toString);
    }

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        return TorchJson.cases(ref, c -> check(c));
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        List<Tensor> inputs = TorchJson.inputs(c);
        TorchJson.assertOutputsThenBackward(c, OPS.get(c.get("op").asText()).apply(c.get("args"), inputs), TOL);
        for (int i = 0; i < inputs.size(); i++) {
            TensorTesting.assertClose(data(c.get("grads").get(i)), inputs.get(i).grad().toArray(), TOL,
                    name + ": gradient of input " + i);
        }
    }
}
