package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loss option (reduction NONE/MEAN/SUM, class weights, ignoreIndex, label smoothing,
 * class-probability targets, [N, C, d1, d2] inputs, unbatched [C] inputs, weight and posWeight,
 * MultiMarginLoss's p, margin and weight) against PyTorch 1.13
 * on fixed inputs: {@code src/test/python/torch_loss_options_reference.py} wrote
 * {@code loss/torch_options_reference.json}, each case self-describing. Value (shape too) and
 * the gradient of sum(loss · seed) in the input, to 1e-12; NaN where PyTorch gives NaN.
 */
class TorchLossOptionsReferenceTest {
    private static JsonNode cases() throws IOException {
        try (InputStream in = TorchLossOptionsReferenceTest.class.getResourceAsStream("/loss/torch_options_reference.json")) {
            return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in).get("cases");
        }
    }

    static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    static int[] ints(JsonNode a) {
        int[] d = new int[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asInt();
        }
        return d;
    }

    static int[] shape(JsonNode t) {
        return ints(t.get("shape"));
    }

    static Tensor tensor(JsonNode t, boolean grad) {
        return grad ? Tensor.of(doubles(t.get("data")), shape(t)) : Tensor.constant(doubles(t.get("data")), shape(t));
    }

    static Reduction reduction(JsonNode c) {
        return c.has("reduction") ? Reduction.valueOf(c.get("reduction").asText().toUpperCase(Locale.ROOT)) : Reduction.MEAN;
    }

    /** The chainrule call a case describes. */
    static Function<Tensor, Tensor> loss(JsonNode c) {
        Reduction red = reduction(c);
        Tensor target = c.has("target") ? tensor(c.get("target"), false) : null;
        int[] labels = c.has("labels") ? ints(c.get("labels")) : null;
        double[] weight = c.has("weight") ? doubles(c.get("weight").get("data")) : null;
        CrossEntropyOptions ce = CrossEntropyOptions.defaults().weight(weight).reduction(red)
                .labelSmoothing(c.has("label_smoothing") ? c.get("label_smoothing").asDouble() : 0);
        NllOptions nll = NllOptions.defaults().weight(weight).reduction(red);
        if (c.has("ignore_index")) {
            ce = ce.ignoreIndex(c.get("ignore_index").asInt());
            nll = nll.ignoreIndex(c.get("ignore_index").asInt());
        }
        BinaryCrossEntropyOptions bce = BinaryCrossEntropyOptions.defaults().reduction(red)
                .weight(c.has("weight") ? tensor(c.get("weight"), false) : null)
                .posWeight(c.has("pos_weight") ? tensor(c.get("pos_weight"), false) : null);
        CrossEntropyOptions ceo = ce;
        NllOptions nllo = nll;
        Map<String, Function<Tensor, Tensor>> calls = Map.of(
                "cross_entropy", x -> Loss.crossEntropy(x, labels, ceo),
                "cross_entropy_probs", x -> Loss.crossEntropy(x, target, ceo),
                "nll", x -> Loss.nll(x, labels, nllo),
                "bce_logits", x -> Loss.binaryCrossEntropyWithLogits(x, target, bce),
                "bce", x -> Loss.binaryCrossEntropy(x, target, bce),
                "mse", x -> Loss.mse(x, target, red),
                "multi_margin", x -> Loss.multiMargin(x, labels, multiMargin(c, red)),
                "hinge", x -> Loss.hinge(x, target, red));
        return calls.get(c.get("loss").asText());
    }

    /** MultiMarginLoss's p, margin and weight as the case gives them (PyTorch's defaults otherwise). */
    static MultiMarginOptions multiMargin(JsonNode c, Reduction red) {
        MultiMarginOptions o = MultiMarginOptions.defaults().reduction(red);
        if (c.has("p")) {
            o = o.p(c.get("p").asInt());
        }
        if (c.has("margin")) {
            o = o.margin(c.get("margin").asDouble());
        }
        return c.has("weight") ? o.weight(doubles(c.get("weight").get("data"))) : o;
    }

    @TestFactory
    Stream<DynamicTest> everyOptionMatchesPyTorch() throws IOException {
        JsonNode cases = cases();
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<String> it = cases.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode c = cases.get(name);
            tests.add(DynamicTest.dynamicTest(name, () -> check(name, c)));
        }
        assertTrue(tests.size() >= 80, "only " + tests.size() + " reference cases");
        return tests.stream();
    }

    private static void check(String name, JsonNode c) {
        Tensor x = tensor(c.get("input"), true);
        Tensor loss = loss(c).apply(x);
        JsonNode value = c.get("value");
        assertArrayEquals(shape(value), loss.shape(), name + " shape");
        assertArrayEquals(doubles(value.get("data")), loss.toArray(), 1e-12, name + " value");
        if (!c.has("grad")) {
            return;
        }
        loss.backward(Tensor.constant(doubles(c.get("seed")), loss.shape()));
        assertArrayEquals(doubles(c.get("grad")), x.grad().toArray(), 1e-12, name + " gradient");
        assertEquals(x.size(), x.grad().size(), name);
    }
}
