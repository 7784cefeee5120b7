package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Broadcast;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/**
 * Op table for elementwise tensor operations: each op's forward and its derivative rule
 * side by side. Rules return gradients in the broadcast output shape; {@link Tensor}
 * sums them back to each input's shape in one place.
 */
final class Elementwise {
    private Elementwise() {
    }

    static Tensor add(Tensor a, Tensor b) {
        return Tensor.make("add", binary("add", a, b, Double::sum), broadcastShape("add", a, b),
                g -> new Tensor[] {g, g}, a, b);
    }

    static Tensor mul(Tensor a, Tensor b) {
        return Tensor.make("mul", binary("mul", a, b, (x, y) -> x * y), broadcastShape("mul", a, b),
                g -> new Tensor[] {g.mul(b), g.mul(a)}, a, b);
    }

    // ---------------------------------------------------------------- helpers

    static int[] broadcastShape(String op, Tensor a, Tensor b) {
        return Arrays.equals(a.shape, b.shape) ? a.shape : Shapes.broadcast(op, a.shape, b.shape);
    }

    /** Forward of a broadcasting binary op into fresh storage. */
    static double[] binary(String op, Tensor a, Tensor b, DoubleBinaryOperator f) {
        if (b == null) {
            throw new NullPointerException(op + ": the other operand is null");
        }
        int[] shape = broadcastShape(op, a, b);
        double[] out = new double[Shapes.size(shape)];
        if (Arrays.equals(a.shape, b.shape)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(a.data[i], b.data[i]);
            }
        } else {
            Broadcast.binary(a.data, Shapes.broadcastStrides(a.shape, shape), b.data,
                    Shapes.broadcastStrides(b.shape, shape), shape, out, f);
        }
        return out;
    }
}
