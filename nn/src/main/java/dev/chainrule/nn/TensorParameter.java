package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.function.BiConsumer;

/**
 * A tensor leaf as a parameter. Optimizer steps write its storage in place through
 * {@link Tensor#update} ({@link #step}); the buffer protocol ({@link #data()} / {@link #commit()})
 * works on copies, so reading never counts as an in-place change.
 */
final class TensorParameter extends Parameter {
    private final Tensor tensor;
    private double[] data;
    private double[] grad;

    TensorParameter(Tensor tensor) {
        super(tensor.shape());
        this.tensor = tensor;
    }

    Tensor tensor() {
        return tensor;
    }

    @Override
    public DType dtype() {
        return tensor.dtype();
    }

    @Override
    public double[] data() {
        data = tensor.toArray();
        return data;
    }

    @Override
    public double[] snapshot() {
        return tensor.toArray();
    }

    @Override
    public void commit() {
        if (data != null) {
            tensor.setData(data);
        }
    }

    @Override
    public double[] grad() {
        Tensor g = tensor.grad();
        grad = g == null ? null : g.toArray();
        return grad;
    }

    @Override
    public void commitGrad() {
        Tensor g = tensor.grad();
        if (g != null && grad != null) {
            g.setData(grad);
        }
    }

    @Override
    public boolean step(BiConsumer<double[], double[]> update) {
        Tensor g = tensor.grad();
        if (g == null) {
            return false;
        }
        // the gradient is lent through update() too: the optimizer reads it without a copy
        tensor.update(theta -> g.update(gradient -> update.accept(theta, gradient)));
        return true;
    }

    @Override
    public void zeroGrad() {
        tensor.zeroGrad();
    }

    @Override
    String kind() {
        return "tensor";
    }
}
