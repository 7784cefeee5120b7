package dev.chainrule.nn;

import dev.chainrule.autograd.Value;

/**
 * Scalar leaves as one parameter: numbers and gradients are copied into reusable buffers
 * so optimizers loop over arrays, then written back with {@code setData}/{@code setGrad}.
 */
final class ValueParameter extends Parameter {
    private final Value[] values;
    private final double[] data;
    private final double[] grad;

    ValueParameter(Value[] values, int[] shape) {
        super(shape);
        this.values = values;
        this.data = new double[values.length];
        this.grad = new double[values.length];
    }

    @Override
    public double[] data() {
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i].data();
        }
        return data;
    }

    @Override
    public void commit() {
        for (int i = 0; i < values.length; i++) {
            values[i].setData(data[i]);
        }
    }

    @Override
    public double[] grad() {
        for (int i = 0; i < values.length; i++) {
            grad[i] = values[i].grad();
        }
        return grad;
    }

    @Override
    public void commitGrad() {
        for (int i = 0; i < values.length; i++) {
            values[i].setGrad(grad[i]);
        }
    }

    @Override
    public void zeroGrad() {
        for (Value v : values) {
            v.zeroGrad();
        }
    }

    @Override
    String kind() {
        return "values";
    }
}
