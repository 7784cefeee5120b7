package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Strided;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Op table for layout ops: flips, rolls, padding, repetition, splitting, triangles, masked
 * fills and strided slices. Two primitives carry most of them, each with its derivative beside
 * it: a <em>window</em> (the input read at {@code offset + Σ idx_d · strides[d]}: a flip is a
 * negative stride, a step a multiplied one, a crop an offset, a diagonal a sum of strides) and
 * its adjoint, the <em>embedding</em> of a tensor at those positions into a filled one (padding).
 * Each is the other's derivative, so gradients of gradients work. The rest are compositions of
 * differentiable ops (views, expand, where, narrow). Axes may be negative, counting from the end.
 */
final class LayoutOps {
    private LayoutOps() {
    }

    // ---------------------------------------------------------------- the window primitive and its adjoint

    /**
     * {@code a} read through a window: {@code out[idx] = a[offset + Σ idx_d · strides[d]]} (flat
     * positions of a's storage). The window must visit each position at most once, so its
     * adjoint is the embedding below.
     */
    static Tensor window(String op, Tensor a, int offset, int[] strides, int[] shape) {
        double[] out = new double[Shapes.size(op, shape)];
        Strided.copy(a.doubles(), offset, strides, shape, out);
        int[] in = a.shape;
        return Tensor.make(op, out, shape, Node.READS_NONE,
                g -> new Tensor[] {embed("embed", g, in, offset, strides, 0)}, a);
    }

    /**
     * The adjoint of {@link #window}: {@code g} written at the window's positions of a tensor of
     * shape {@code shape} that is {@code fill} elsewhere (the fill is a constant). Its adjoint is
     * the window again.
     */
    static Tensor embed(String op, Tensor g, int[] shape, int offset, int[] strides, double fill) {
        double[] out = new double[Shapes.size(op, shape)];
        if (fill != 0) {
            Arrays.fill(out, fill);
        }
        Strided.embed(g.doubles(), g.shape, out, offset, strides);
        int[] inner = g.shape;
        return Tensor.make(op, out, shape, Node.READS_NONE,
                gg -> new Tensor[] {window("window", gg, offset, strides, inner)}, g);
    }

    // ---------------------------------------------------------------- flip and roll

    /** The elements in reverse order along each of {@code axes} (each at most once). */
    static Tensor flip(Tensor a, int[] axes) {
        Objects.requireNonNull(axes, "flip: axes are null");
        int rank = a.shape.length;
        int[] strides = ShapeOps.strides(a.shape);
        boolean[] seen = new boolean[rank];
        int offset = 0;
        for (int given : axes) {
            int d = Shapes.axis("flip", given, rank);
            if (seen[d]) {
                throw new IllegalArgumentException("flip: axes " + Arrays.toString(axes) + " name axis " + d
                        + " twice for shape " + Arrays.toString(a.shape) + "; expected each axis at most once");
            }
            seen[d] = true;
            if (a.shape[d] > 1) {
                offset += (a.shape[d] - 1) * strides[d]; // start at the last element, walk backwards
                strides[d] = -strides[d];
            }
        }
        if (offset == 0 || a.size() == 0) {
            return a; // nothing to reverse (axes of length 0 or 1)
        }
        return window("flip", a, offset, strides, a.shape.clone());
    }

    /**
     * The elements shifted {@code shift} places along {@code axis}, those pushed off the end
     * coming back at the start: {@code out[(i + shift) mod n] = a[i]} (torch.roll). Any shift,
     * negative too; its derivative is the roll back.
     */
    static Tensor roll(Tensor a, int shift, int axis) {
        int ax = Shapes.axis("roll", axis, a.shape.length);
        int n = a.shape[ax];
        int s = n == 0 ? 0 : Math.floorMod(shift, n);
        if (s == 0 || a.size() == 0) {
            return a;
        }
        double[] out = new double[a.size()];
        int outer = ShapeOps.outer(a.shape, ax), inner = ShapeOps.inner(a.shape, ax);
        Strided.copyBlock(a.doubles(), n, n - s, out, n, 0, outer, s, inner); // the tail comes round to the front
        Strided.copyBlock(a.doubles(), n, 0, out, n, s, outer, n - s, inner);
        return Tensor.make("roll", out, a.shape.clone(), Node.READS_NONE,
                g -> new Tensor[] {roll(g, n - s, ax)}, a);
    }

    // ---------------------------------------------------------------- pad

    /**
     * NumPy's {@code np.pad(a, widths, constant_values=value)}: {@code widths[d] = {before, after}}
     * elements of {@code value} added on each side of axis d, one pair per axis, none negative.
     * The derivative is the crop back to the input (the padding is a constant).
     */
    static Tensor pad(Tensor a, int[][] widths, double value) {
        Objects.requireNonNull(widths, "pad: widths are null");
        int rank = a.shape.length;
        if (widths.length != rank) {
            throw new IllegalArgumentException("pad: " + widths.length + " width pairs for a tensor of shape "
                    + Arrays.toString(a.shape) + "; expected one {before, after} pair per axis (" + rank + ")");
        }
        int[] shape = new int[rank];
        boolean any = false;
        for (int d = 0; d < rank; d++) {
            int[] w = widths[d];
            if (w == null || w.length != 2) {
                throw new IllegalArgumentException("pad: widths[" + d + "] is " + (w == null ? "null" : Arrays.toString(w))
                        + " for shape " + Arrays.toString(a.shape) + "; expected a {before, after} pair");
            }
            if (w[0] < 0 || w[1] < 0) {
                throw new IllegalArgumentException("pad: widths[" + d + "] = " + Arrays.toString(w) + " for shape "
                        + Arrays.toString(a.shape) + " is negative; expected widths >= 0 (as np.pad; slice to crop)");
            }
            long len = (long) a.shape[d] + w[0] + w[1];
            if (len > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("pad: widths[" + d + "] = " + Arrays.toString(w) + " make axis " + d
                        + " of shape " + Arrays.toString(a.shape) + " longer than a dimension can hold (" + Integer.MAX_VALUE + ")");
            }
            shape[d] = (int) len;
            any |= w[0] > 0 || w[1] > 0;
        }
        if (!any) {
            return a;
        }
        int[] strides = ShapeOps.strides(shape);
        int size = Shapes.size("pad", shape);
        int offset = 0;
        for (int d = 0; d < rank && size > 0; d++) {
            offset += widths[d][0] * strides[d];
        }
        return embed("pad", a, shape, offset, strides, value);
    }

    // ---------------------------------------------------------------- repeat and repeatInterleave

    /**
     * {@code torch.Tensor.repeat}: the tensor tiled {@code reps[d]} times along each axis; with
     * more repetitions than axes, the tensor is first given leading axes of length 1. Built as a
     * view, an expand (whose derivative sums the copies back) and a view.
     */
    static Tensor repeat(Tensor a, int[] reps) {
        Objects.requireNonNull(reps, "repeat: repetitions are null");
        int rank = a.shape.length, m = reps.length;
        if (m < rank) {
            throw new IllegalArgumentException("repeat: " + Arrays.toString(reps) + " gives " + m
                    + " repetitions for a tensor of shape " + Arrays.toString(a.shape)
                    + "; expected at least one per axis (" + rank + ")");
        }
        int[] lifted = new int[2 * m], tiled = new int[2 * m], out = new int[m];
        for (int d = 0; d < m; d++) {
            if (reps[d] < 0) {
                throw new IllegalArgumentException("repeat: " + Arrays.toString(reps) + " has a negative repetition "
                        + reps[d] + " for shape " + Arrays.toString(a.shape) + "; expected counts >= 0");
            }
            int len = d < m - rank ? 1 : a.shape[d - (m - rank)];
            lifted[2 * d] = 1;
            lifted[2 * d + 1] = len;
            tiled[2 * d] = reps[d];
            tiled[2 * d + 1] = len;
            out[d] = checkedProduct("repeat", reps[d], len, a.shape);
        }
        Shapes.size("repeat", out);
        return ShapeOps.view(Reductions.expand(ShapeOps.view(a, lifted), tiled), out);
    }

    /**
     * {@code torch.repeat_interleave(a, repeats, dim)}: each element repeated {@code repeats}
     * times in place along {@code axis} ({@code [1, 2]} becomes {@code [1, 1, 2, 2]}).
     */
    static Tensor repeatInterleave(Tensor a, int repeats, int axis) {
        int rank = a.shape.length;
        int ax = Shapes.axis("repeatInterleave", axis, rank);
        if (repeats < 0) {
            throw new IllegalArgumentException("repeatInterleave: repeats " + repeats + " for axis " + axis
                    + " of shape " + Arrays.toString(a.shape) + " is negative; expected a count >= 0");
        }
        int[] lifted = new int[rank + 1], tiled = new int[rank + 1], out = a.shape.clone();
        for (int d = 0, j = 0; d <= rank; d++) {
            boolean copies = d == ax + 1;
            lifted[d] = copies ? 1 : a.shape[j];
            tiled[d] = copies ? repeats : a.shape[j];
            j += copies ? 0 : 1;
        }
        out[ax] = checkedProduct("repeatInterleave", repeats, a.shape[ax], a.shape);
        Shapes.size("repeatInterleave", out);
        return ShapeOps.view(Reductions.expand(ShapeOps.view(a, lifted), tiled), out);
    }

    /** {@code torch.repeat_interleave(a, repeats)} without a dim: the elements flattened, each repeated. */
    static Tensor repeatInterleave(Tensor a, int repeats) {
        return repeatInterleave(flat(a), repeats, 0);
    }

    /**
     * {@code torch.repeat_interleave(a, repeats, dim)} with per-element counts: element i along
     * {@code axis} repeated {@code repeats[i]} times; one count applies to every element (as
     * torch's one-element repeats). An {@link IndexOps#indexSelect} of the repeated indices,
     * whose derivative sums each element's copies back.
     */
    static Tensor repeatInterleave(Tensor a, int[] repeats, int axis) {
        Objects.requireNonNull(repeats, "repeatInterleave: repeats are null");
        int ax = Shapes.axis("repeatInterleave", axis, a.shape.length);
        int n = a.shape[ax];
        if (repeats.length != n && repeats.length != 1) {
            throw new IllegalArgumentException("repeatInterleave: " + repeats.length + " counts "
                    + Arrays.toString(repeats) + " for axis " + axis + " of length " + n + " in shape "
                    + Arrays.toString(a.shape) + "; expected one count per element, or a single count");
        }
        long total = 0;
        for (int i = 0; i < repeats.length; i++) {
            if (repeats[i] < 0) {
                throw new IllegalArgumentException("repeatInterleave: count " + repeats[i] + " at position " + i
                        + " of " + Arrays.toString(repeats) + " is negative; expected counts >= 0");
            }
            total += repeats.length == 1 ? (long) repeats[0] * n : repeats[i];
        }
        if (repeats.length == 1) {
            return repeatInterleave(a, repeats[0], ax);
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("repeatInterleave: counts " + Arrays.toString(repeats) + " for shape "
                    + Arrays.toString(a.shape) + " make an axis of " + total + " elements, more than a dimension can hold");
        }
        int[] index = new int[(int) total];
        for (int i = 0, k = 0; i < n; i++) {
            Arrays.fill(index, k, k + repeats[i], i);
            k += repeats[i];
        }
        return IndexOps.indexSelect(a, ax, index);
    }

    /** Per-element counts from a 0-d or 1-D tensor of non-negative integers (its numbers only: counts get no gradient). */
    static Tensor repeatInterleave(Tensor a, Tensor repeats, int axis) {
        Objects.requireNonNull(repeats, "repeatInterleave: repeats are null");
        if (repeats.shape.length > 1) {
            throw new IllegalArgumentException("repeatInterleave: repeats of shape " + Arrays.toString(repeats.shape)
                    + " for shape " + Arrays.toString(a.shape) + "; expected a 0-d or 1-D tensor of counts");
        }
        double[] r = repeats.doubles();
        int[] counts = new int[r.length];
        for (int i = 0; i < r.length; i++) {
            if (!(r[i] >= 0) || r[i] != Math.rint(r[i]) || r[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("repeatInterleave: repeats[" + i + "] = " + r[i]
                        + " is not a count; expected non-negative integers");
            }
            counts[i] = (int) r[i];
        }
        return repeatInterleave(a, counts, axis);
    }

    /** {@code torch.roll(a, shift)} without a dim: rolled as if flattened, then given its shape back. */
    static Tensor roll(Tensor a, int shift) {
        return ShapeOps.view(roll(flat(a), shift, 0), a.shape.clone());
    }

    /** The tensor as one axis (a view). */
    private static Tensor flat(Tensor a) {
        return ShapeOps.view(a, new int[] {Shapes.size(a.shape)});
    }

    private static int checkedProduct(String op, int count, int len, int[] shape) {
        long n = (long) count * len;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": " + count + " copies of an axis of length " + len + " in shape "
                    + Arrays.toString(shape) + " are more than a dimension can hold (" + Integer.MAX_VALUE + ")");
        }
        return (int) n;
    }

    // ---------------------------------------------------------------- split and chunk

    /**
     * {@code torch.split(a, size, dim)}: consecutive pieces of {@code size} along {@code axis},
     * the last one shorter when the length is not a multiple; an empty axis gives one empty piece.
     */
    static List<Tensor> split(Tensor a, int size, int axis) {
        int ax = Shapes.axis("split", axis, a.shape.length);
        int n = a.shape[ax];
        if (size < 0 || size == 0 && n > 0) {
            throw new IllegalArgumentException("split: size " + size + " for axis " + axis + " of length " + n
                    + " in shape " + Arrays.toString(a.shape) + "; expected a positive size (0 only for an empty axis)");
        }
        if (n == 0) {
            return List.of(a);
        }
        List<Tensor> pieces = new ArrayList<>();
        for (int from = 0; from < n; from += size) {
            pieces.add(ShapeOps.narrow(a, ax, from, Math.min(size, n - from)));
            if (n - from <= size) {
                break; // the last piece; from + size could pass the int range
            }
        }
        return List.copyOf(pieces);
    }

    /**
     * {@code torch.chunk(a, n, dim)}: pieces of {@code ceil(length / n)} along {@code axis}, the
     * last one shorter, so there may be fewer than {@code n}; an empty axis gives n empty pieces.
     */
    static List<Tensor> chunk(Tensor a, int n, int axis) {
        int ax = Shapes.axis("chunk", axis, a.shape.length);
        if (n <= 0) {
            throw new IllegalArgumentException("chunk: " + n + " chunks of axis " + axis + " in shape "
                    + Arrays.toString(a.shape) + "; expected a positive number of chunks");
        }
        int len = a.shape[ax];
        if (len == 0) {
            return java.util.Collections.nCopies(n, a);
        }
        return split(a, (int) ((len + (long) n - 1) / n), ax);
    }

    // ---------------------------------------------------------------- triangles and masked fill

    /**
     * The lower triangle of each matrix [..., m, n]: entries with {@code j - i <= k} kept, the
     * rest 0 (k = 0 the main diagonal, k &gt; 0 above it, k &lt; 0 below). A selection, not a
     * product, so an infinite entry outside the triangle gives 0, not NaN.
     */
    static Tensor tril(Tensor a, int k) {
        return triangle("tril", a, k, false);
    }

    /** The upper triangle of each matrix [..., m, n]: entries with {@code j - i >= k} kept, the rest 0. */
    static Tensor triu(Tensor a, int k) {
        return triangle("triu", a, k, true);
    }

    private static Tensor triangle(String op, Tensor a, int k, boolean upper) {
        int r = a.shape.length;
        if (r < 2) {
            throw new IllegalArgumentException(op + ": expected matrices [..., m, n] (at least 2 dimensions) but got shape "
                    + Arrays.toString(a.shape));
        }
        int m = a.shape[r - 2], n = a.shape[r - 1];
        double[] mask = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                mask[i * n + j] = (upper ? j - i >= k : j - i <= k) ? 1 : 0;
            }
        }
        return Elementwise.where(Tensor.constant(mask, m, n), a, Tensor.scalar(0));
    }

    /**
     * {@code torch.Tensor.masked_fill}: {@code value} where the mask (broadcast to a's shape) is
     * nonzero, a elsewhere; the gradient flows to a only where the mask is 0.
     */
    static Tensor maskedFill(Tensor a, Tensor mask, double value) {
        Objects.requireNonNull(mask, "maskedFill: mask is null");
        boolean fits;
        try {
            fits = Arrays.equals(Shapes.broadcast("maskedFill", mask.shape, a.shape), a.shape);
        } catch (IllegalArgumentException e) {
            fits = false;
        }
        if (!fits) {
            throw new IllegalArgumentException("maskedFill: mask of shape " + Arrays.toString(mask.shape)
                    + " does not broadcast to the tensor's shape " + Arrays.toString(a.shape)
                    + " (expected each mask dimension equal to the tensor's or 1, and no more dimensions)");
        }
        return Elementwise.where(mask, Tensor.scalar(value), a);
    }

    // ---------------------------------------------------------------- strided slice and diagonal

    /**
     * Python's {@code a[start:end:step]} along {@code axis}, for any nonzero step. Bounds follow
     * Python: negative ones count from the end, then they are clamped (to [0, n] for a positive
     * step, to [-1, n-1] for a negative one, -1 meaning "before the first"), so a bound past
     * either end acts as an omitted one: {@code slice(ax, Integer.MAX_VALUE, Integer.MIN_VALUE, -1)}
     * is {@code a[::-1]}.
     */
    static Tensor slice(Tensor a, int axis, int start, int end, int step) {
        int ax = Shapes.axis("slice", axis, a.shape.length);
        if (step == 0) {
            throw new IllegalArgumentException("slice: step 0 for axis " + axis + " of shape " + Arrays.toString(a.shape)
                    + "; expected a nonzero step");
        }
        if (step == 1) {
            return ShapeOps.slice(a, axis, start, end);
        }
        int n = a.shape[ax];
        long from = bound(start, n, step), to = bound(end, n, step);
        long count = step > 0 ? Math.max(0, (to - from + step - 1) / step) : Math.max(0, (from - to - step - 1) / -step);
        int[] shape = a.shape.clone();
        shape[ax] = (int) count;
        int[] strides = ShapeOps.strides(a.shape);
        int offset = count == 0 ? 0 : (int) from * strides[ax];
        strides[ax] = count <= 1 ? 0 : strides[ax] * step; // |step| < n here, so no overflow
        return window("slice", a, offset, strides, shape);
    }

    /** A Python slice bound, negative counted from the end, clamped as {@code slice.indices} does. */
    private static long bound(int i, int n, int step) {
        long b = i < 0 ? (long) i + n : i;
        return step > 0 ? Math.max(0, Math.min(n, b)) : Math.max(-1, Math.min(n - 1, b));
    }

    /**
     * The main diagonal of each matrix [..., m, n] as [..., min(m, n)]: a window whose last
     * stride is the sum of the two matrix strides.
     */
    static Tensor diagonal(String op, Tensor a) {
        int r = a.shape.length;
        int[] strides = ShapeOps.strides(a.shape);
        int[] shape = Arrays.copyOf(a.shape, r - 1);
        shape[r - 2] = Math.min(a.shape[r - 2], a.shape[r - 1]);
        int[] ws = Arrays.copyOf(strides, r - 1);
        ws[r - 2] = strides[r - 2] + strides[r - 1];
        return window(op, a, 0, ws, shape);
    }
}
