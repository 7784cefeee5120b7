package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every tensor loss, both reductions, value and gradient, against PyTorch 1.13's
 * {@code torch.nn.functional} on fixed inputs ({@code src/test/python/torch_loss_reference.py}
 * wrote {@code loss/torch_reference.json}), to 1e-12.
 */
class TorchLossReferenceTest {
    static Tensor matrix(JsonNode rows) {
        int n = rows.size();
        int c = rows.get(0).size();
        double[] d = new double[n * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                d[i * c + j] = rows.get(i).get(j).asDouble();
            }
        }
        return Tensor.of(d, n, c);
    }

    @Test
    void lossesMatchPyTorch() throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/loss/torch_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int[] y = new int[ref.get("y").size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = ref.get("y").get(i).asInt();
        }
        Tensor t = matrix(ref.get("t")).detach();
        Tensor pm = matrix(ref.get("pm")).detach();
        for (Reduction red : new Reduction[] {Reduction.MEAN, Reduction.SUM}) { // NONE: TorchLossOptionsReferenceTest
            String r = red.name().toLowerCase(java.util.Locale.ROOT);
            Map<String, Map.Entry<String, Function<Tensor, Tensor>>> losses = Map.of(
                    "mse_" + r, Map.entry("x", x -> Loss.mse(x, t, red)),
                    "bce_" + r, Map.entry("p", x -> Loss.binaryCrossEntropy(x, t, red)),
                    "bce_logits_" + r, Map.entry("x", x -> Loss.binaryCrossEntropyWithLogits(x, t, red)),
                    "cross_entropy_" + r, Map.entry("x", x -> Loss.crossEntropy(x, y, red)),
                    "nll_" + r, Map.entry("x", x -> Loss.nll(x, y, red)),
                    "multi_margin_" + r, Map.entry("x", x -> Loss.multiMargin(x, y, red)),
                    "hinge_" + r, Map.entry("x", x -> Loss.hinge(x, pm, red)));
            losses.forEach((name, input) -> {
                JsonNode expected = ref.get("cases").get(name);
                Tensor x = matrix(ref.get(input.getKey()));
                Tensor loss = input.getValue().apply(x);
                assertEquals(expected.get("value").asDouble(), loss.item(), 1e-12, name);
                loss.backward();
                double[] g = new double[expected.get("grad").size()];
                for (int i = 0; i < g.length; i++) {
                    g[i] = expected.get("grad").get(i).asDouble();
                }
                assertArrayEquals(g, x.grad().toArray(), 1e-12, name + " gradient");
            });
        }
    }
}
