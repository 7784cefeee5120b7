package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Strided;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Op table for shape operations: each forward beside its derivative rule. The rules are
 * written with these same ops (a slice's adjoint is a zero-padding whose adjoint is the
 * slice again), so gradients of gradients work. Axes may be negative, counting from the end.
 */
final class ShapeOps {
    private ShapeOps() {
    }

    // ---------------------------------------------------------------- reshape / view

    /** A copy in a new shape with the same element count; one dimension may be -1 (inferred). */
    static Tensor reshape(Tensor a, int[] shape) {
        int[] s = resolveShape("reshape", a.shape, shape);
        int[] in = a.shape;
        Tensor.Rule rule = g -> new Tensor[] {view(g, in)};
        return a.floats != null
                ? Tensor.make("reshape", a.floats.clone(), s, Node.READS_NONE, rule, a)
                : Tensor.make("reshape", a.data.clone(), s, Node.READS_NONE, rule, a);
    }

    /**
     * The same storage seen in a new shape (storage is always contiguous, so every reshape
     * is a view); one dimension may be -1.
     */
    static Tensor view(Tensor a, int[] shape) {
        int[] s = resolveShape("view", a.shape, shape);
        return viewAs("view", a, s);
    }

    /** A view in an already validated shape; shared by view, squeeze and unsqueeze. */
    private static Tensor viewAs(String op, Tensor a, int[] s) {
        if (Arrays.equals(s, a.shape)) {
            return a;
        }
        int[] in = a.shape;
        Tensor.Rule rule = g -> new Tensor[] {viewAs("view", g, in)};
        // the input's own storage, of either type: make sees the alias and shares its version counter
        return a.floats != null
                ? Tensor.make(op, a.floats, s, Node.READS_NONE, rule, a)
                : Tensor.make(op, a.data, s, Node.READS_NONE, rule, a);
    }

    /** The target shape with any -1 filled in, or an exception naming op and shapes. */
    static int[] resolveShape(String op, int[] from, int[] shape) {
        Objects.requireNonNull(shape, () -> op + ": shape is null");
        int[] s = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape)
                            + " has more than one -1; only one dimension can be inferred");
                }
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape)
                        + " has a negative dimension " + s[i] + " (only -1, meaning inferred, is allowed)");
            } else {
                // capped just past the int range, so many large dimensions cannot wrap around
                known = Math.min(known * s[i], (long) Integer.MAX_VALUE + 1);
            }
        }
        int n = Shapes.size(from);
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException(op + ": cannot reshape " + Arrays.toString(from) + " ("
                        + n + " elements) to " + Arrays.toString(shape) + ": the -1 cannot be inferred");
            }
            s[infer] = (int) (n / known);
        } else if (known != n) {
            throw new IllegalArgumentException(op + ": cannot reshape " + Arrays.toString(from) + " (" + n
                    + " elements) to " + Arrays.toString(shape) + " ("
                    + (known > Integer.MAX_VALUE ? "more than " + Integer.MAX_VALUE : known) + " elements); "
                    + "the element count must stay the same");
        }
        return s;
    }

    // ---------------------------------------------------------------- squeeze / unsqueeze

    /** Drops every axis of length 1. */
    static Tensor squeeze(Tensor a) {
        int[] s = Arrays.stream(a.shape).filter(d -> d != 1).toArray();
        return viewAs("squeeze", a, s);
    }

    /** Drops one axis, which must have length 1. */
    static Tensor squeeze(Tensor a, int axis) {
        int ax = Shapes.axis("squeeze", axis, a.shape.length);
        if (a.shape[ax] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + Arrays.toString(a.shape)
                    + " has length " + a.shape[ax] + "; only an axis of length 1 can be squeezed");
        }
        int[] s = new int[a.shape.length - 1];
        for (int i = 0, j = 0; i < a.shape.length; i++) {
            if (i != ax) {
                s[j++] = a.shape[i];
            }
        }
        return viewAs("squeeze", a, s);
    }

    /** Inserts an axis of length 1 at {@code axis} of the result (in [-(rank+1), rank]). */
    static Tensor unsqueeze(Tensor a, int axis) {
        int rank = a.shape.length;
        int ax = Shapes.axis("unsqueeze", axis, rank + 1);
        int[] s = new int[rank + 1];
        for (int i = 0, j = 0; i <= rank; i++) {
            s[i] = i == ax ? 1 : a.shape[j++];
        }
        return viewAs("unsqueeze", a, s);
    }

    // ---------------------------------------------------------------- permute / transpose

    /** Reorders the axes: axis i of the result is axis {@code perm[i]} of the input. */
    static Tensor permute(Tensor a, int[] perm) {
        Objects.requireNonNull(perm, "permute: axes are null");
        int rank = a.shape.length;
        if (perm.length != rank) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " has " + perm.length
                    + " axes but the tensor of shape " + Arrays.toString(a.shape) + " has " + rank);
        }
        int[] p = new int[rank];
        boolean[] seen = new boolean[rank];
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            p[i] = Shapes.axis("permute", perm[i], rank);
            if (seen[p[i]]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(perm)
                        + " repeats axis " + perm[i] + "; expected each of 0.." + (rank - 1) + " once");
            }
            seen[p[i]] = true;
            identity &= p[i] == i;
        }
        if (identity) {
            return a;
        }
        int[] inStrides = strides(a.shape);
        int[] s = new int[rank], readStrides = new int[rank], inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = a.shape[p[i]];
            readStrides[i] = inStrides[p[i]];
            inverse[p[i]] = i;
        }
        double[] out = new double[a.size()];
        Strided.copy(a.doubles(), readStrides, s, out);
        return Tensor.make("permute", out, s, Node.READS_NONE, g -> new Tensor[] {permute(g, inverse)}, a);
    }

    /** Swaps two axes. */
    static Tensor transpose(Tensor a, int axis0, int axis1) {
        int rank = a.shape.length;
        int i = Shapes.axis("transpose", axis0, rank), j = Shapes.axis("transpose", axis1, rank);
        int[] perm = new int[rank];
        for (int d = 0; d < rank; d++) {
            perm[d] = d;
        }
        perm[i] = j;
        perm[j] = i;
        return permute(a, perm);
    }

    /** The transpose of a matrix. */
    static Tensor matrixTranspose(Tensor a) {
        if (a.shape.length != 2) {
            throw new IllegalArgumentException("T: expected a 2-D tensor but got shape " + Arrays.toString(a.shape)
                    + "; use transpose(a, b) or permute(...) for other ranks");
        }
        return transpose(a, 0, 1);
    }

    // ---------------------------------------------------------------- slice / narrow and the padding adjoint

    /**
     * Elements {@code start..end-1} along {@code axis}, with PyTorch's slicing rules:
     * negative bounds count from the end, then both are clamped to [0, length], and an
     * empty range gives an empty axis.
     */
    static Tensor slice(Tensor a, int axis, int start, int end) {
        int ax = Shapes.axis("slice", axis, a.shape.length);
        int len = a.shape[ax];
        int from = clamp(start < 0 ? start + len : start, len);
        int to = Math.max(from, clamp(end < 0 ? end + len : end, len));
        return sliceChecked("slice", a, ax, from, to - from);
    }

    /**
     * {@code length} elements from {@code start} along {@code axis} (PyTorch's narrow):
     * {@code start} may be negative (from the end); the range must lie inside the axis.
     */
    static Tensor narrow(Tensor a, int axis, int start, int length) {
        int ax = Shapes.axis("narrow", axis, a.shape.length);
        int len = a.shape[ax];
        int from = start < 0 ? start + len : start;
        if (length < 0 || from < 0 || from > len || from + (long) length > len) {
            throw new IllegalArgumentException("narrow: start " + start + " and length " + length
                    + " do not fit axis " + axis + " of length " + len + " in shape " + Arrays.toString(a.shape)
                    + " (expected -" + len + " <= start <= " + len + ", length >= 0, start + length <= " + len + ")");
        }
        return sliceChecked("narrow", a, ax, from, length);
    }

    private static int clamp(int i, int len) {
        return Math.max(0, Math.min(len, i));
    }

    /** The slice {@code [from, from + count)} of axis {@code ax}, bounds already valid. */
    private static Tensor sliceChecked(String op, Tensor a, int ax, int from, int count) {
        int len = a.shape[ax];
        if (from == 0 && count == len) {
            return a;
        }
        int[] s = a.shape.clone();
        s[ax] = count;
        double[] out = new double[Shapes.size(s)];
        int outer = outer(a.shape, ax), inner = inner(a.shape, ax);
        Strided.copyBlock(a.doubles(), len, from, out, count, 0, outer, count, inner);
        return Tensor.make(op, out, s, Node.READS_NONE, g -> new Tensor[] {pad(g, ax, from, len)}, a);
    }

    /**
     * The adjoint of a slice: {@code a} placed at {@code from} along {@code ax} in a zero
     * tensor whose axis has length {@code len}. Its own adjoint is the slice again.
     */
    static Tensor pad(Tensor a, int ax, int from, int len) {
        int count = a.shape[ax];
        if (from == 0 && count == len) {
            return a;
        }
        int[] s = a.shape.clone();
        s[ax] = len;
        double[] out = new double[Shapes.size(s)];
        Strided.copyBlock(a.doubles(), count, 0, out, len, from, outer(s, ax), count, inner(s, ax));
        return Tensor.make("pad", out, s, Node.READS_NONE, g -> new Tensor[] {sliceChecked("slice", g, ax, from, count)}, a);
    }

    // ---------------------------------------------------------------- concat / stack

    /** Joins tensors along an existing axis; all other dimensions must agree. */
    static Tensor concat(int axis, List<Tensor> parts) {
        Tensor[] ts = nonEmpty("concat", parts);
        int[] first = ts[0].shape;
        int rank = first.length;
        if (rank == 0) {
            throw new IllegalArgumentException("concat: 0-dimensional tensors have no axis to join along; "
                    + "use stack to join scalars");
        }
        int ax = Shapes.axis("concat", axis, rank);
        long total = 0; // a long, so lengths adding up past the int range are caught below
        for (int i = 0; i < ts.length; i++) {
            int[] s = ts[i].shape;
            boolean ok = s.length == rank;
            for (int d = 0; ok && d < rank; d++) {
                ok = d == ax || s[d] == first[d];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat: along axis " + axis + ", tensor " + i + " has shape "
                        + Arrays.toString(s) + " but tensor 0 has shape " + Arrays.toString(first)
                        + "; all dimensions except the joined one must match");
            }
            total += s[ax];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concat: along axis " + axis + " the lengths add up to " + total
                    + ", more than a dimension can hold (" + Integer.MAX_VALUE + ")");
        }
        if (ts.length == 1) {
            return ts[0];
        }
        int[] out = first.clone();
        out[ax] = (int) total;
        double[] data = new double[Shapes.size("concat", out)]; // many parts can add up to more than fits
        int outer = outer(first, ax), inner = inner(first, ax);
        int[] starts = new int[ts.length];
        int at = 0;
        for (int i = 0; i < ts.length; i++) {
            int count = ts[i].shape[ax];
            starts[i] = at;
            Strided.copyBlock(ts[i].doubles(), count, 0, data, out[ax], at, outer, count, inner);
            at += count;
        }
        return Tensor.make("concat", data, out, Node.READS_NONE, g -> {
            Tensor[] grads = new Tensor[ts.length];
            for (int i = 0; i < ts.length; i++) {
                // parts that want no gradient get none, so their slices are not copied
                grads[i] = ts[i].requiresGrad ? sliceChecked("slice", g, ax, starts[i], ts[i].shape[ax]) : null;
            }
            return grads;
        }, ts);
    }

    /** Joins equally shaped tensors along a new axis at {@code axis} of the result. */
    static Tensor stack(int axis, List<Tensor> parts) {
        Tensor[] ts = nonEmpty("stack", parts);
        int[] first = ts[0].shape;
        int ax = Shapes.axis("stack", axis, first.length + 1);
        int[] stacked = Arrays.copyOf(first, first.length + 1);
        stacked[first.length] = ts.length;
        Shapes.size("stack", stacked); // refused here, under stack's name, rather than inside concat
        Tensor[] lifted = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            if (!Arrays.equals(ts[i].shape, first)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Arrays.toString(ts[i].shape)
                        + " but tensor 0 has shape " + Arrays.toString(first) + "; stacked tensors must have equal shapes");
            }
            lifted[i] = unsqueeze(ts[i], ax);
        }
        if (ts.length == 1) {
            return lifted[0];
        }
        return concat(ax, List.of(lifted));
    }

    private static Tensor[] nonEmpty(String op, List<Tensor> parts) {
        Objects.requireNonNull(parts, () -> op + ": the list of tensors is null");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(op + ": expected at least one tensor");
        }
        Tensor[] ts = new Tensor[parts.size()];
        for (int i = 0; i < ts.length; i++) {
            int at = i;
            ts[i] = Objects.requireNonNull(parts.get(i), () -> op + ": tensor " + at + " is null");
        }
        return ts;
    }

    // ---------------------------------------------------------------- layout helpers

    /** Row-major strides (in elements) of a contiguous tensor of this shape. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = stride;
            stride *= shape[d];
        }
        return s;
    }

    /** Product of the dimensions before {@code ax}. */
    static int outer(int[] shape, int ax) {
        int n = 1;
        for (int d = 0; d < ax; d++) {
            n *= shape[d];
        }
        return n;
    }

    /** Product of the dimensions after {@code ax}. */
    static int inner(int[] shape, int ax) {
        int n = 1;
        for (int d = ax + 1; d < shape.length; d++) {
            n *= shape[d];
        }
        return n;
    }
}
