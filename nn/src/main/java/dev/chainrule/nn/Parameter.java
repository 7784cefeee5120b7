package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A trainable leaf as optimizers, initialisers and checkpoints see it: a flat {@code double[]}
 * of numbers in row-major order with a shape, and a gradient of the same size.
 *
 * <p>Two kinds sit behind one protocol so the update loops run over plain arrays with no
 * boxing: a {@link Tensor} leaf and a list of {@link Value} leaves. Optimizer steps use
 * {@link #step}, which lends a tensor's live storage through {@link Tensor#update} (one
 * counted in-place write). Other callers work on a buffer and write it back:
 * <pre>{@code
 * double[] theta = p.data();     // a fresh copy of the numbers
 * ... change theta ...
 * p.commit();                    // writes them back (Tensor.setData / Value.setData)
 * }</pre>
 * and the same for gradients with {@link #grad()} and {@link #commitGrad()}. Reading the
 * buffer without committing changes nothing and never counts as an in-place change.
 */
public abstract class Parameter {
    private final int[] shape;
    private final int size;

    Parameter(int[] shape) {
        this.shape = shape;
        this.size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /**
     * A tensor leaf as a parameter; its storage is updated in place.
     *
     * @param tensor a leaf that wants a gradient
     * @return a tensor leaf as a parameter; its storage is updated in place
     */
    public static Parameter of(Tensor tensor) {
        Objects.requireNonNull(tensor, "Parameter.of: tensor is null");
        if (!tensor.leaf()) {
            throw new IllegalArgumentException("Parameter.of: tensor computed by '" + tensor.op()
                    + "' is not a leaf; parameters must be leaves (Tensor.of / Tensor.randn)");
        }
        if (!tensor.requiresGrad()) {
            throw new IllegalArgumentException("Parameter.of: " + tensor + " is a constant (it never gets a "
                    + "gradient, so an optimizer would never change it); make a leaf that wants one: "
                    + "Tensor.of(data, shape), Tensor.randn(rng, shape), or any factory followed by "
                    + ".toLeaf(), e.g. Tensor.zeros(2, 3).toLeaf()");
        }
        return new TensorParameter(tensor);
    }

    /**
     * One scalar leaf as a parameter of shape [1].
     *
     * @param value the scalar parameter
     * @return one scalar leaf as a parameter of shape [1]
     */
    public static Parameter of(Value value) {
        return of(List.of(value), 1);
    }

    /**
     * A list of scalar leaves as one parameter of shape [n].
     *
     * @param values the scalar parameters, in order
     * @return a list of scalar leaves as one parameter of shape [n]
     */
    public static Parameter of(List<Value> values) {
        Objects.requireNonNull(values, "Parameter.of: values is null");
        return of(values, values.size());
    }

    /**
     * A list of scalar leaves as one parameter of the given shape (row-major order).
     *
     * @param values the scalar parameters, in order
     * @param shape the shape they fill
     * @return a list of scalar leaves as one parameter of the given shape (row-major order)
     */
    public static Parameter of(List<Value> values, int... shape) {
        Objects.requireNonNull(values, "Parameter.of: values is null");
        Objects.requireNonNull(shape, "Parameter.of: shape is null");
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Parameter.of: negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.size()) {
            throw new IllegalArgumentException("Parameter.of: " + values.size() + " values do not fill shape "
                    + Arrays.toString(shape) + " (" + n + " elements)");
        }
        Value[] vs = values.toArray(new Value[0]);
        for (int i = 0; i < vs.length; i++) {
            if (vs[i] == null) {
                throw new NullPointerException("Parameter.of: values[" + i + "] is null");
            }
            if (!vs[i].leaf() || !vs[i].requiresGrad()) {
                throw new IllegalArgumentException("Parameter.of: values[" + i + "] = " + vs[i]
                        + " is not a leaf that wants a gradient; parameters are made with Value.of");
            }
        }
        return new ValueParameter(vs, shape.clone());
    }

    /**
     * The shape (a copy).
     *
     * @return the shape (a copy)
     */
    public final int[] shape() {
        return shape.clone();
    }

    /**
     * The element type the numbers are stored in: a tensor's {@link Tensor#dtype()}, float64
     * for values. {@link #data()} and {@link #set} work in doubles either way; a float32
     * parameter stores what they write rounded to the nearest float.
     *
     * @return the storage type
     */
    public DType dtype() {
        return DType.F64;
    }

    /**
     * Number of elements.
     *
     * @return the number of elements
     */
    public final int size() {
        return size;
    }

    /**
     * The numbers, as a buffer freshly filled from the leaves (a copy: changing it changes
     * nothing until {@link #commit()}).
     *
     * @return the buffer, reused by the next call
     */
    public abstract double[] data();

    /** Writes the buffer of the last {@link #data()} call back into the leaves, one counted in-place write. */
    public abstract void commit();

    /**
     * The gradient, as a buffer freshly filled from the leaves, or null for a tensor that has
     * none (a parameter without a gradient is skipped by optimizers). Call
     * {@link #commitGrad()} to write changes back.
     *
     * @return the buffer, or null when there is no gradient
     */
    public abstract double[] grad();

    /** Writes the buffer of the last {@link #grad()} call back into the leaves' gradient. */
    public abstract void commitGrad();

    /**
     * An optimizer step: runs {@code update.accept(theta, grad)} with the numbers and the
     * gradient, {@code theta} to be changed in place. A tensor lends its live storage (and its
     * gradient's) through {@link Tensor#update}, so nothing is copied and the write is counted
     * on the storage's version; values go through the buffers. Neither array may be kept.
     *
     * @param update changes theta from grad
     * @return false, with nothing run, when the parameter has no gradient
     */
    public abstract boolean step(java.util.function.BiConsumer<double[], double[]> update);

    /** Clears the gradient (a tensor's becomes null, values' become 0). */
    public abstract void zeroGrad();

    /**
     * A copy of the numbers; a read, so graphs recorded before it stay usable for backward.
     *
     * @return a copy of the numbers; a read, so graphs recorded before it stay usable for backward
     */
    public double[] snapshot() {
        return data().clone();
    }

    /**
     * Replaces the numbers with {@code src}, which must have {@link #size()} elements.
     *
     * @param src the new numbers, row-major, one per element
     */
    public final void set(double[] src) {
        Objects.requireNonNull(src, "Parameter.set: src is null");
        if (src.length != size) {
            throw new IllegalArgumentException("Parameter.set: " + src.length + " numbers for a parameter of shape "
                    + Arrays.toString(shape) + " (" + size + " elements)");
        }
        System.arraycopy(src, 0, data(), 0, size);
        commit();
    }

    /** Shape and kind, e.g. {@code Parameter(tensor [3, 2])}. */
    @Override
    public String toString() {
        return "Parameter(" + kind() + " " + Arrays.toString(shape) + ")";
    }

    abstract String kind();
}
