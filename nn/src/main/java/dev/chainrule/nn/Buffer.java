package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Non-trained state of a module that checkpoints save (PyTorch's buffers), such as
 * {@link BatchNorm1d}'s running mean. It holds a constant tensor that is replaced, never
 * written in place: a graph that read the old tensor keeps seeing the old numbers. It keeps
 * its element type ({@link #to(DType)} changes it): a new value is converted to it.
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
        value = constant(next).to(value.dtype());
    }

    /**
     * Converts the buffer to {@code dtype} (float64 to float32 rounds to the nearest float), as
     * {@link Module#to(DType)} does for the whole tree.
     *
     * @param dtype the type wanted
     */
    public void to(DType dtype) {
        Objects.requireNonNull(dtype, () -> name + ": dtype is null");
        value = value.to(dtype);
    }

    /**
     * Replaces the numbers by {@code data} (row-major, the buffer's size), as a checkpoint loads
     * them; a float32 buffer stores them rounded.
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
        Tensor copy = Tensor.constant(t.toArray(), t.shape()); // a copy: nobody else holds its array
        return copy.to(t.dtype());
    }

    /** {@code Buffer(name, shape)}. */
    @Override
    public String toString() {
        return "Buffer(" + name + ", " + Arrays.toString(value.shape()) + ")";
    }
}
