package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** A tensor leaf as a parameter: storage and gradient are used in place, nothing is copied. */
final class TensorParameter extends Parameter {
    private final Tensor tensor;

    TensorParameter(Tensor tensor) {
        super(tensor.shape());
        this.tensor = tensor;
    }

    Tensor tensor() {
        return tensor;
    }

    @Override
    public double[] data() {
        return tensor.leafArray();
    }

    @Override
    public double[] snapshot() {
        return tensor.toArray(); // not leafArray(): reading must not count as an in-place change
    }

    @Override
    public void commit() {
        // live storage: nothing to write back
    }

    @Override
    public double[] grad() {
        Tensor g = tensor.grad();
        return g == null ? null : g.leafArray();
    }

    @Override
    public void commitGrad() {
        // live gradient storage: nothing to write back
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
