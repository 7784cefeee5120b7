package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.CustomFunction;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The README's "Your own differentiable function" snippet, as pasted there, and its numbers. */
class ReadmeCustomFunctionTest {

    @Test
    void logAddExpAsACustomFunction() {
        // README: "Your own differentiable function"
        TensorFunction logAddExp = CustomFunction.tensorGraph("logAddExp",
                in -> {                                        // forward, on constants
                    Tensor m = in[0].max(in[1]);
                    return m.add(in[0].sub(m).exp().add(in[1].sub(m).exp()).log());
                },
                (g, in, out) -> new Tensor[] {g.mul(in[0].sub(out).exp()),    // backward: one vjp per input
                                              g.mul(in[1].sub(out).exp())});
        Tensor a = Tensor.of(new double[] {1000, -3}, 2), b = Tensor.of(new double[] {1000, 2}, 2);
        Tensor y = logAddExp.apply(a, b);      // [1000.693, 2.00672]: one node, op "logAddExp"
        y.sum().backward();                    // a.grad() = [0.5, 0.00669]
        GradCheck.assertTensorSecondOrder(v -> logAddExp.apply(v.get(0), v.get(1)).sum(), a, b);
        // end README
        assertArrayEquals(new double[] {1000 + Math.log(2), 2 + Math.log1p(Math.exp(-5))}, y.toArray(), 1e-12);
        assertEquals("logAddExp", y.op());
        assertArrayEquals(new double[] {0.5, Math.exp(-5) / (1 + Math.exp(-5))}, a.grad().toArray(), 1e-12);
        assertEquals("0.00669", String.format("%.5f", a.grad().get(1)));
    }

    @Test
    void aJacobianOfAJacobianIsTheHessian() {
        // README: "A Hessian", the createGraph paragraph
        Function<Tensor, Tensor> g = x -> x.pow(3).sum().mul(x.sum());
        Tensor x = Tensor.constant(new double[] {0.5, -1, 2}, 3);
        Tensor viaJacobians = Autograd.jacobian(t -> Autograd.jacobian(g, t, true), x);
        assertArrayEquals(Autograd.hessian(g, x).toArray(), viaJacobians.toArray(), 1e-12);
        List<List<Tensor>> blocks = Autograd.hessian(v -> v.get(0).mul(v.get(1)).sum(),
                List.of(Tensor.ones(2), Tensor.ones(2)));
        assertArrayEquals(new double[] {1, 0, 0, 1}, blocks.get(0).get(1).toArray());
    }
}
