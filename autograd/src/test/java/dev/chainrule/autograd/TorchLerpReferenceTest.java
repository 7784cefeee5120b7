package dev.chainrule.autograd;

import static dev.chainrule.autograd.TorchJson.data;
import static dev.chainrule.autograd.TorchJson.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code lerp} against {@code torch.lerp} 1.13 in float64 ({@code src/test/python/torch_lerp_reference.py}
 * wrote {@code lerp/torch_reference.json}): outputs equal to the bit, on tensors and on values,
 * with tensor and constant weights on both sides of the kernel's 0.5 split; gradients of all
 * three operands to 1e-12.
 */
class TorchLerpReferenceTest {
    private static final double TOL = 1e-12;
    private static JsonNode ref;

    @BeforeAll
    static void read() {
        ref = TorchJson.read("/lerp/torch_reference.json");
    }

    @Test
    void writtenByTorch113() {
        assertTrue(ref.get("torch").asText().startsWith("1.13"), ref.get("torch").asText());
    }

    @TestFactory
    Stream<DynamicTest> matchesPyTorchToTheBit() {
        return TorchJson.cases(ref, TorchLerpReferenceTest::check);
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        Tensor start = Tensor.of(data(c.get("start")), shape(c.get("start")));
        Tensor end = Tensor.of(data(c.get("end")), shape(c.get("end")));
        JsonNode w = c.get("weight");
        Tensor weight = w.isNumber() ? null : Tensor.of(data(w), shape(w));
        Tensor out = weight == null ? start.lerp(end, w.asDouble()) : start.lerp(end, weight);
        JsonNode expected = c.get("output");
        assertArrayEquals(shape(expected), out.shape(), name + ": shape");
        double[] want = data(expected), got = out.toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]),
                    name + ": element " + i + " is " + got[i] + ", torch " + want[i]);
        }
        assertBitsOnValues(name, start, end, weight, w, want, out.shape());

        out.mul(Tensor.constant(data(c.get("weights")), shape(c.get("weights")))).sum().backward();
        Tensor[] leaves = weight == null ? new Tensor[] {start, end} : new Tensor[] {start, end, weight};
        for (int i = 0; i < leaves.length; i++) {
            TensorTesting.assertClose(data(c.get("grads").get(i)), leaves[i].grad().toArray(), TOL,
                    name + ": gradient of operand " + i);
        }
    }

    /** Each output element again through {@link Value#lerp}, from the broadcast operands. */
    private static void assertBitsOnValues(String name, Tensor start, Tensor end, Tensor weight, JsonNode w,
                                           double[] want, int[] shape) {
        double[] s = start.expand(shape).toArray(), e = end.expand(shape).toArray();
        double[] ws = weight == null ? null : weight.expand(shape).toArray();
        for (int i = 0; i < want.length; i++) {
            Value v = ws == null ? Value.of(s[i]).lerp(Value.of(e[i]), w.asDouble())
                    : Value.of(s[i]).lerp(Value.of(e[i]), Value.of(ws[i]));
            assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(v.data()),
                    name + ": Value element " + i);
        }
    }
}
