package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Non-trained state of a module that checkpoints save (PyTorch's buffers), such as
 * {@link BatchNorm1d}'s running mean. It holds a constant tensor that is replaced, never
 * written in place: a graph that read the old tensor keeps seeing the old numbers.
 */
public final class Buffer {
    private final String name;
    private Tensor value;

    Buffer(String name, Tensor initial) {
        this.name = Objects.requireNonNull(name, "Buffer: name is null");
        this.value = constant(initial);
    }

    /**
     * The current tensor (a constant).
     *
     * @return the buffer's value
     */
    public Tensor get() {
        return value;
    }

    /**
     * The shape, fixed when the buffer was registered.
     *
     * @return a copy of the shape
     */
    public int[] shape() {
        return value.shape();
    }

    /**
     * Replaces the tensor by a constant copy of {@code next}, which must have the same shape.
     *
     * @param next the new numbers
     */
    public void set(Tensor next) {
        Objects.requireNonNull(next, () -> name + ": new value is null");
        if (!Arrays.equals(next.shape(), value.shape())) {
            throw new IllegalArgumentException(name + ": new value has shape " + Arrays.toString(next.shape())
                    + ", expected " + Arrays.toString(value.shape()));
        }
        value = constant(next);
    }

    /**
     * Replaces the numbers by {@code data} (row-major, the buffer's size), as a checkpoint loads them.
     *
     * @param data the new numbers
     */
    public void set(double[] data) {
        Objects.requireNonNull(data, () -> name + ": data is null");
        if (data.length != value.size()) {
            throw new IllegalArgumentException(name + ": " + data.length + " numbers for a buffer of shape "
                    + Arrays.toString(value.shape()));
        }
        set(Tensor.constant(data, value.shape()));
    }

    private static Tensor constant(Tensor t) {
        Objects.requireNonNull(t, "Buffer: tensor is null");
        return Tensor.constant(t.toArray(), t.shape()); // a copy: nobody else holds its array
    }

    /** {@code Buffer(name, shape)}. */
    @Override
    public String toString() {
        return "Buffer(" + name + ", " + Arrays.toString(value.shape()) + ")";
    }
}
