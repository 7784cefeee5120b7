package dev.chainrule.nn;

import dev.chainrule.autograd.Value;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ToDoubleFunction;

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
        return read(Value::data, data);
    }

    @Override
    public void commit() {
        write(Value::setData, data);
    }

    @Override
    public double[] grad() {
        return read(Value::grad, grad);
    }

    @Override
    public void commitGrad() {
        write(Value::setGrad, grad);
    }

    /** Fills {@code buffer} with one number per leaf and returns it. */
    private double[] read(ToDoubleFunction<Value> get, double[] buffer) {
        for (int i = 0; i < values.length; i++) {
            buffer[i] = get.applyAsDouble(values[i]);
        }
        return buffer;
    }

    /** Writes {@code buffer} back into the leaves, one number each. */
    private void write(ObjDoubleConsumer<Value> set, double[] buffer) {
        for (int i = 0; i < values.length; i++) {
            set.accept(values[i], buffer[i]);
        }
    }

    @Override
    public boolean step(java.util.function.BiConsumer<double[], double[]> update) {
        update.accept(data(), grad());
        commit();
        return true;
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
