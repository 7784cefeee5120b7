package dev.chainrule.nn;

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
 * boxing: a {@link Tensor} leaf exposes its live storage, and a list of {@link Value} leaves
 * is copied into a buffer and written back. Callers that change numbers follow
 * <pre>{@code
 * double[] theta = p.data();     // live (tensor) or freshly read (values)
 * ... change theta ...
 * p.commit();                    // writes back to the values; no-op for a tensor
 * }</pre>
 * and the same for gradients with {@link #grad()} and {@link #commitGrad()}.
 */
public abstract class Parameter {
    private final int[] shape;
    private final int size;

    Parameter(int[] shape) {
        this.shape = shape;
        this.size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** A tensor leaf as a parameter; its storage is updated in place. */
    public static Parameter of(Tensor tensor) {
        Objects.requireNonNull(tensor, "Parameter.of: tensor is null");
        if (!tensor.leaf()) {
            throw new IllegalArgumentException("Parameter.of: tensor computed by '" + tensor.op()
                    + "' is not a leaf; parameters must be leaves (Tensor.of / Tensor.randn)");
        }
        return new TensorParameter(tensor);
    }

    /** One scalar leaf as a parameter of shape [1]. */
    public static Parameter of(Value value) {
        return of(List.of(value), 1);
    }

    /** A list of scalar leaves as one parameter of shape [n]. */
    public static Parameter of(List<Value> values) {
        Objects.requireNonNull(values, "Parameter.of: values is null");
        return of(values, values.size());
    }

    /** A list of scalar leaves as one parameter of the given shape (row-major order). */
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

    /** The shape (a copy). */
    public final int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public final int size() {
        return size;
    }

    /**
     * The numbers: a tensor's live storage, or a buffer freshly filled from the values. Call
     * {@link #commit()} after changing it.
     */
    public abstract double[] data();

    /** Writes changes made to {@link #data()} back to the leaves (no-op for a tensor). */
    public abstract void commit();

    /**
     * The gradient: a tensor's live gradient storage or null when it has none (a parameter
     * without a gradient is skipped by optimizers); for values, a buffer freshly filled with
     * their gradients. Call {@link #commitGrad()} after changing it.
     */
    public abstract double[] grad();

    /** Writes changes made to {@link #grad()} back to the leaves (no-op for a tensor). */
    public abstract void commitGrad();

    /** Clears the gradient (a tensor's becomes null, values' become 0). */
    public abstract void zeroGrad();

    /** A copy of the numbers; a read, so graphs recorded before it stay usable for backward. */
    public double[] snapshot() {
        return data().clone();
    }

    /** Replaces the numbers with {@code src}, which must have {@link #size()} elements. */
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
