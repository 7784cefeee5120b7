package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the README's "Differences from PyTorch" rows on 0-d tensors, squeeze, expand(-1), ties
 * and retained gradients: chainrule's answer beside PyTorch 1.13's, recorded by
 * {@code autograd/src/test/python/torch_differences_reference.py} in
 * {@code differences/torch_differences.json}. Where chainrule follows PyTorch the two are
 * asserted equal; where it deliberately differs, both answers are asserted.
 */
class PyTorchDifferencesTest {
    private static JsonNode torch;

    @BeforeAll
    static void read() {
        torch = TorchJson.read("/differences/torch_differences.json");
    }

    @Test
    void zeroDimensionalTensorsAreScalarsAsInPyTorchButHaveNoAxisZero() {
        JsonNode t = torch.get("zero_d");
        Tensor s = Tensor.scalar(2);
        // same: a one-number tensor with no shape, a full reduction makes one, matmul refuses it
        assertArrayEquals(TorchJson.ints(t.get("shape_of_scalar")), Tensor.of(new double[] {5}).shape());
        assertArrayEquals(new int[0], Tensor.ones(2, 3).sum().shape());
        assertTrue(t.get("matmul_refused").asBoolean());
        assertThrows(IllegalArgumentException.class, () -> s.matmul(Tensor.ones(2)));
        // different: torch lets axis 0 and -1 name the missing axis of a 0-d tensor; chainrule, as NumPy, refuses
        assertEquals(2.0, t.get("sum_axis_0").asDouble());
        assertEquals(2.0, t.get("sum_axis_minus_1").asDouble());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.sum(0)).getMessage()
                .contains("a 0-dimensional tensor has no axes"));
        assertThrows(IllegalArgumentException.class, () -> s.sum(-1));
        assertArrayEquals(TorchJson.ints(t.get("T_shape")), new int[0]);
        assertThrows(IllegalArgumentException.class, s::T);
    }

    @Test
    void squeezingAnAxisThatIsNotOneIsRefused() {
        assertArrayEquals(TorchJson.ints(torch.get("squeeze_non_1_axis_shape")), new int[] {2, 3}); // torch: a no-op
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).squeeze(0));
        assertEquals("squeeze: axis 0 of shape [2, 3] has length 2; only an axis of length 1 can be squeezed",
                e.getMessage());
        assertArrayEquals(new int[] {3}, Tensor.ones(1, 3).squeeze(0).shape());
    }

    @Test
    void expandMinusOneKeepsTheSizeAsInPyTorch() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 3, 1);
        Tensor y = x.expand(-1, 4);
        assertArrayEquals(TorchJson.ints(torch.get("expand_minus_1_shape")), y.shape());
        assertArrayEquals(new double[] {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3}, y.toArray());
        y.sum().backward();
        assertArrayEquals(new double[] {4, 4, 4}, x.grad().toArray());
        assertArrayEquals(new int[] {2, 3, 4}, x.expand(2, -1, 4).shape());
        assertTrue(torch.get("expand_minus_1_new_leading_refused").asBoolean());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2).expand(-1, 2));
        assertEquals("expand: -1 at position 0 of [-1, 2] is a new leading axis of [2]; -1 keeps the size of an existing"
                + " axis, so a new one needs its size", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2).expand(-2));
    }

    @Test
    void tiesSplitTheGradientEvenlyAsTorchMaximumAndMaxDoOverAxesToo() {
        JsonNode t = torch.get("ties");
        Tensor a = Tensor.of(new double[] {3}, 1), b = Tensor.of(new double[] {3}, 1);
        a.max(b).sum().backward();
        assertArrayEquals(TorchJson.data(t.get("maximum")), new double[] {a.grad().item(), b.grad().item()});
        Tensor all = Tensor.of(new double[] {1, 3, 3}, 3);
        all.max().backward();
        assertArrayEquals(TorchJson.data(t.get("max_all")), all.grad().toArray());
        Tensor axis = Tensor.of(new double[] {1, 3, 3}, 3);
        axis.max(0).backward();
        assertArrayEquals(TorchJson.data(t.get("amax_dim")), axis.grad().toArray()); // torch.amax's rule
        assertArrayEquals(new double[] {0, 1, 0}, TorchJson.data(t.get("max_dim"))); // torch.max(dim): all to one index
    }

    @Test
    void aCustomBackwardReturningABroadcastShapedGradientIsRefusedNotSummed() {
        assertArrayEquals(new double[] {2, 2, 2}, TorchJson.data(torch.get("custom_backward_broadcast_grad"))); // torch sums it
        TensorFunction doubles = CustomFunction.tensor("doubles", in -> in[0].mul(2.0),
                (g, in, out) -> new Tensor[] {Tensor.ones(2, 3)});
        Tensor a = Tensor.of(new double[] {1, 1, 1}, 3);
        Tensor loss = doubles.apply(a).sum();
        assertTrue(assertThrows(IllegalStateException.class, loss::backward).getMessage()
                .contains("gradient for input 0 has shape [2, 3] but input 0 has shape [3]"));
    }

    @Test
    void aRetainedGradientShowsTheLastPassNotTheSumOfPasses() {
        JsonNode t = torch.get("retained");
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        Tensor y = x.mul(2.0).retainGrad();
        Tensor loss = y.mul(y).sum();
        loss.backward(true);
        assertArrayEquals(TorchJson.data(t.get("after_one_pass")), y.grad().toArray());
        loss.backward();
        assertArrayEquals(TorchJson.data(t.get("after_one_pass")), y.grad().toArray()); // chainrule: this pass's
        assertArrayEquals(new double[] {8, 16}, TorchJson.data(t.get("after_two_passes"))); // torch: accumulated
        assertArrayEquals(new double[] {16, 32}, x.grad().toArray()); // leaves accumulate in both
        Tensor z = x.mul(3.0);
        z.sum().backward();
        assertNull(z.grad()); // not retained: none, as torch
        Value v = Value.of(1);
        Value w = v.mul(2);
        w.mul(w).backward();
        assertEquals(4, w.grad()); // a Value's interior gradient is always kept (torch has no Value)
    }
}
