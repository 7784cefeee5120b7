package dev.chainrule.autograd;

/**
 * The element type of a tensor's storage. {@link #F64} (float64, Java's {@code double}) is
 * the default everywhere; {@link #F32} (float32, {@code float}) halves the memory and lets
 * matrix products run through {@code sgemm}, PyTorch's default for training.
 *
 * <p>An op on float32 operands stores its result in float32. Ops compute in float64 and
 * round once when storing (so sums, softmax and losses accumulate in float64), except the
 * kernels that work on float32 directly: matrix products (sgemm), the linear layer and the
 * plain elementwise arithmetic. Mixed operands follow PyTorch's promotion: two tensors with
 * dimensions give the wider type; a 0-dimensional tensor, like a {@code double} argument,
 * takes the type of the dimensioned operand ({@code x32.mul(Tensor.scalar(2))} stays float32).
 * Each gradient has its tensor's type.
 */
public enum DType {
    /** IEEE 754 binary32, Java's {@code float}: 4 bytes per element. */
    F32("float32", 4),
    /** IEEE 754 binary64, Java's {@code double}: 8 bytes per element; the default. */
    F64("float64", 8);

    private final String torchName;
    private final int bytes;

    DType(String torchName, int bytes) {
        this.torchName = torchName;
        this.bytes = bytes;
    }

    /**
     * Bytes per element.
     *
     * @return 4 for F32, 8 for F64
     */
    public int bytes() {
        return bytes;
    }

    /**
     * PyTorch's name for this type.
     *
     * @return {@code "float32"} or {@code "float64"}
     */
    public String torchName() {
        return torchName;
    }

    /**
     * The type of {@code --dtype f32|f64|float32|float64} (case-insensitive), or an exception
     * listing the accepted names.
     *
     * @param name the name to parse
     * @return the type it names
     */
    public static DType parse(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "f32", "float32", "float" -> {
                    return F32;
                }
                case "f64", "float64", "double" -> {
                    return F64;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("dtype: '" + name + "' is not a type; expected f32 or f64 (float32, float64)");
    }

    /**
     * PyTorch's promotion for a floating-point op: the widest type among the operands with
     * at least one dimension, or among all of them when every one is 0-dimensional; F64 for
     * no operands (a constant made from doubles).
     */
    static DType promote(Tensor[] operands) {
        boolean dimmed32 = false, dimmed64 = false, zero32 = false;
        for (Tensor t : operands) {
            boolean f32 = t.dtype() == F32;
            if (t.shape.length > 0) {
                dimmed32 |= f32;
                dimmed64 |= !f32;
            } else {
                zero32 |= f32;
            }
        }
        if (dimmed64) {
            return F64;
        }
        if (dimmed32) {
            return F32;
        }
        return zero32 && !anyZeroDim64(operands) ? F32 : F64;
    }

    private static boolean anyZeroDim64(Tensor[] operands) {
        for (Tensor t : operands) {
            if (t.shape.length == 0 && t.dtype() == F64) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return torchName;
    }
}
