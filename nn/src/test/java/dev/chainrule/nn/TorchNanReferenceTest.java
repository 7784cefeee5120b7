package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NaN through the piecewise ops against PyTorch 1.13 on fixed points holding NaN, both zeros
 * and ties ({@code src/test/python/torch_nan_reference.py} wrote {@code nan/torch_reference.json}):
 * values and the gradients of {@code sum(op(...) · w)}, for {@link Tensor} and, for the
 * elementwise ops, {@link Value} too. Here because the autograd module has no JSON reader;
 * the properties across shapes are autograd's {@code NanPropagationProperties}.
 *
 * <p>Values compare numerically, so relu(-0) may be +0 here and -0 in PyTorch (chainrule's
 * relu never returns -0); NaN equals NaN (JUnit compares doubles by their canonical bits).
 */
class TorchNanReferenceTest {
    private static JsonNode ref;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = TorchNanReferenceTest.class.getResourceAsStream("/nan/torch_reference.json")) {
            ref = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
        }
    }

    @Test
    void unaryOpsMatchPyTorchInBothEngines() {
        unary("relu", Tensor::relu, Value::relu);
        unary("leaky_relu", x -> x.leakyRelu(0.1), x -> x.leakyRelu(0.1));
        unary("clamp", x -> x.clamp(-0.5, 0.5), null); // Value has no clamp
    }

    @Test
    void elementwiseMaxMinMatchPyTorchInBothEngines() {
        binary("maximum", Tensor::max, Value::max);
        binary("minimum", Tensor::min, Value::min);
    }

    @Test
    void reductionsMatchPyTorch() {
        reduction("max_all", "m", Tensor::max);
        reduction("min_all", "m", Tensor::min);
        reduction("max_dim1", "md", m -> m.max(1));
        reduction("min_dim0", "md", m -> m.min(0));
    }

    @Test
    void fusedAffineReluMatchesPyTorch() {
        Tensor x = matrix(ref.get("ax")), w = matrix(ref.get("aw")), b = Tensor.of(vector(ref.get("ab")), 3);
        Tensor y = x.affineRelu(w, b);
        JsonNode c = ref.get("cases").get("affine_relu");
        assertArrayEquals(vector(c.get("value")), y.toArray(), 1e-12, "affineRelu value");
        y.sum().backward();
        assertArrayEquals(vector(c.get("grads").get(0)), x.grad().toArray(), 1e-12, "affineRelu dx");
        assertArrayEquals(vector(c.get("grads").get(1)), w.grad().toArray(), 1e-12, "affineRelu dw");
        assertArrayEquals(vector(c.get("grads").get(2)), b.grad().toArray(), 1e-12, "affineRelu db");
    }

    private static void unary(String name, UnaryOperator<Tensor> t, UnaryOperator<Value> v) {
        double[] x = vector(ref.get("x")), w = vector(ref.get("w"));
        JsonNode c = ref.get("cases").get(name);
        Tensor xt = Tensor.of(x, x.length);
        Tensor y = t.apply(xt);
        assertArrayEquals(vector(c.get("value")), y.toArray(), 1e-15, name + " value");
        y.mul(Tensor.constant(w, w.length)).sum().backward();
        assertArrayEquals(vector(c.get("grads").get(0)), xt.grad().toArray(), 1e-15, name + " gradient");
        if (v != null) {
            List<Value> xs = Value.listOf(x);
            for (int i = 0; i < x.length; i++) {
                Value yi = v.apply(xs.get(i));
                assertEquals(c.get("value").get(i).asDouble(), yi.data(), 1e-15, name + " Value at " + i);
                yi.mul(w[i]).backward();
                assertEquals(c.get("grads").get(0).get(i).asDouble(), xs.get(i).grad(), 1e-15,
                        name + " Value gradient at " + i);
            }
        }
    }

    private static void binary(String name, BinaryOperator<Tensor> t, BinaryOperator<Value> v) {
        double[] x = vector(ref.get("x")), yv = vector(ref.get("y")), w = vector(ref.get("w"));
        JsonNode c = ref.get("cases").get(name);
        Tensor a = Tensor.of(x, x.length), b = Tensor.of(yv, yv.length);
        Tensor out = t.apply(a, b);
        assertArrayEquals(vector(c.get("value")), out.toArray(), 1e-15, name + " value");
        out.mul(Tensor.constant(w, w.length)).sum().backward();
        assertArrayEquals(vector(c.get("grads").get(0)), a.grad().toArray(), 1e-15, name + " gradient of a");
        assertArrayEquals(vector(c.get("grads").get(1)), b.grad().toArray(), 1e-15, name + " gradient of b");
        for (int i = 0; i < x.length; i++) {
            Value va = Value.of(x[i]), vb = Value.of(yv[i]);
            Value o = v.apply(va, vb);
            assertEquals(c.get("value").get(i).asDouble(), o.data(), 1e-15, name + " Value at " + i);
            o.mul(w[i]).backward();
            assertEquals(c.get("grads").get(0).get(i).asDouble(), va.grad(), 1e-15, name + " Value gradient of a at " + i);
            assertEquals(c.get("grads").get(1).get(i).asDouble(), vb.grad(), 1e-15, name + " Value gradient of b at " + i);
        }
    }

    private static void reduction(String name, String input, Function<Tensor, Tensor> f) {
        Tensor m = matrix(ref.get(input));
        JsonNode c = ref.get("cases").get(name);
        Tensor out = f.apply(m);
        assertArrayEquals(vector(c.get("value")), out.toArray(), 1e-15, name + " value");
        out.sum().backward();
        assertArrayEquals(vector(c.get("grads").get(0)), m.grad().toArray(), 1e-15, name + " gradient");
    }

    private static double[] vector(JsonNode list) {
        List<Double> d = new ArrayList<>();
        list.forEach(n -> d.add(n.asDouble()));
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Tensor matrix(JsonNode rows) {
        int n = rows.size(), c = rows.get(0).size();
        double[] d = new double[n * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                d[i * c + j] = rows.get(i).get(j).asDouble();
            }
        }
        return Tensor.of(d, n, c);
    }
}
