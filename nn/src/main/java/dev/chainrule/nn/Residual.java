package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * A residual block x + f(x): the identity path carries the gradient past f unchanged, which
 * is why deep stacks of them still train. f must keep the shape of its input. Its module is
 * the child {@code f} (parameters {@code f.…}).
 */
public final class Residual extends Module {
    private final Module f;

    /**
     * The block x + f(x).
     *
     * @param f the branch, which must keep its input's shape
     */
    public Residual(Module f) {
        this.f = child("f", Objects.requireNonNull(f, "Residual: f is null"));
    }

    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "Residual.forward: x is null");
        Tensor fx = f.forward(x);
        if (!Arrays.equals(fx.shape(), x.shape())) {
            throw new IllegalArgumentException("Residual.forward: f maps shape " + Arrays.toString(x.shape()) + " to "
                    + Arrays.toString(fx.shape()) + "; x + f(x) needs f to keep the shape (" + f.summary() + ")");
        }
        return x.add(fx);
    }

    /**
     * The wrapped module.
     *
     * @return f
     */
    public Module inner() {
        return f;
    }
}
