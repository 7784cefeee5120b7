package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.List;

/**
 * The result shapes NumPy/PyTorch give, written out independently of the main sources (no
 * call into {@link Shapes} or the op tables), for the bad-input properties. Each method
 * returns the expected shape, or null when the call is invalid and must be refused.
 * Where chainrule deliberately departs from PyTorch (documented on the method), the
 * project's documented rule is the reference.
 */
final class ReferenceShapes {
    private ReferenceShapes() {
    }

    /** Number of elements as a long, saturating at Long.MAX_VALUE (huge shapes must not wrap). */
    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n = times(n, d);
        }
        return n;
    }

    /** {@code n * d} for non-negative operands, saturating at Long.MAX_VALUE. */
    static long times(long n, long d) {
        return n != 0 && d > Long.MAX_VALUE / n ? Long.MAX_VALUE : n * d;
    }

    /** NumPy broadcasting of any number of shapes. */
    static int[] broadcast(int[]... shapes) {
        int rank = 0;
        for (int[] s : shapes) {
            rank = Math.max(rank, s.length);
        }
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        for (int[] s : shapes) {
            for (int i = 0; i < s.length; i++) {
                int o = rank - s.length + i;
                if (s[i] == out[o] || s[i] == 1) {
                    continue;
                }
                if (out[o] != 1) {
                    return null;
                }
                out[o] = s[i];
            }
        }
        return out;
    }

    /** An axis in [-rank, rank) made non-negative, or -1 when out of range. */
    static int axis(int axis, int rank) {
        return axis >= -rank && axis < rank ? (axis + rank) % Math.max(rank, 1) : -1;
    }

    /**
     * A reduction over {@code axes}: each in range, none repeated (an empty list reduces
     * nothing, as NumPy's {@code axis=()}).
     */
    static int[] reduce(int[] shape, int[] axes, boolean keepDims) {
        boolean[] reduced = reducedAxes(shape, axes);
        if (reduced == null) {
            return null;
        }
        int[] out = new int[shape.length];
        int n = 0;
        for (int d = 0; d < shape.length; d++) {
            if (keepDims) {
                out[n++] = reduced[d] ? 1 : shape[d];
            } else if (!reduced[d]) {
                out[n++] = shape[d];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Which axes a reduction reduces, or null for an axis out of range or repeated. */
    static boolean[] reducedAxes(int[] shape, int[] axes) {
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) {
            int d = axis(a, shape.length);
            if (d < 0 || reduced[d]) {
                return null;
            }
            reduced[d] = true;
        }
        return reduced;
    }

    /** True when some reduced axis is empty while the output is not (max/min then have no value). */
    static boolean emptyExtremum(int[] shape, int[] axes) {
        boolean[] reduced = reducedAxes(shape, axes);
        long outCount = 1, reducedCount = 1;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                reducedCount *= shape[d];
            } else {
                outCount *= shape[d];
            }
        }
        return reducedCount == 0 && outCount > 0;
    }

    /** NumPy reshape: at most one -1, no other negative, the element count kept, -1 inferable. */
    static int[] reshape(int[] from, int[] to) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < to.length; i++) {
            if (to[i] == -1) {
                if (infer >= 0) {
                    return null;
                }
                infer = i;
            } else if (to[i] < 0) {
                return null;
            } else {
                known = times(known, to[i]);
            }
        }
        long n = count(from);
        int[] out = to.clone();
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                return null; // PyTorch refuses an ambiguous -1 among zeros
            }
            out[infer] = (int) (n / known);
            return out;
        }
        return known == n ? out : null;
    }

    /** Swaps two axes. */
    static int[] transpose(int[] shape, int a0, int a1) {
        int i = axis(a0, shape.length), j = axis(a1, shape.length);
        if (i < 0 || j < 0) {
            return null;
        }
        int[] out = shape.clone();
        out[i] = shape[j];
        out[j] = shape[i];
        return out;
    }

    /** Axis i of the result is axis perm[i]: a permutation of all axes, negative allowed. */
    static int[] permute(int[] shape, int[] perm) {
        if (perm.length != shape.length) {
            return null;
        }
        boolean[] seen = new boolean[shape.length];
        int[] out = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            int d = axis(perm[i], shape.length);
            if (d < 0 || seen[d]) {
                return null;
            }
            seen[d] = true;
            out[i] = shape[d];
        }
        return out;
    }

    /** Every length-1 axis dropped. */
    static int[] squeeze(int[] shape) {
        return Arrays.stream(shape).filter(d -> d != 1).toArray();
    }

    /**
     * One axis dropped; chainrule (unlike PyTorch, which returns the tensor unchanged) refuses
     * an axis whose length is not 1, as its Javadoc says.
     */
    static int[] squeeze(int[] shape, int ax) {
        int d = axis(ax, shape.length);
        if (d < 0 || shape[d] != 1) {
            return null;
        }
        return remove(shape, d);
    }

    /** A length-1 axis inserted to become axis {@code ax} of the result, in [-(rank+1), rank]. */
    static int[] unsqueeze(int[] shape, int ax) {
        int d = axis(ax, shape.length + 1);
        return d < 0 ? null : insert(shape, d, 1);
    }

    /** Python slicing of one axis: negative bounds from the end, then clamped; start past end is empty. */
    static int[] slice(int[] shape, int ax, int start, int end) {
        int d = axis(ax, shape.length);
        if (d < 0) {
            return null;
        }
        long len = shape[d];
        long from = Math.max(0, Math.min(len, start < 0 ? (long) start + len : start));
        long to = Math.max(0, Math.min(len, end < 0 ? (long) end + len : end));
        int[] out = shape.clone();
        out[d] = (int) Math.max(0, to - from);
        return out;
    }

    /** PyTorch narrow: start in [-len, len], length &ge; 0, start + length &le; len. */
    static int[] narrow(int[] shape, int ax, int start, int length) {
        int d = axis(ax, shape.length);
        if (d < 0) {
            return null;
        }
        long len = shape[d];
        long from = start < 0 ? (long) start + len : start;
        if (from < 0 || from > len || length < 0 || from + length > len) {
            return null;
        }
        int[] out = shape.clone();
        out[d] = length;
        return out;
    }

    /** np.concatenate: at least one array, rank &ge; 1, equal ranks, equal dims off the axis. */
    static int[] concat(int ax, List<int[]> shapes) {
        if (shapes.isEmpty() || shapes.get(0).length == 0) {
            return null;
        }
        int[] first = shapes.get(0);
        int d = axis(ax, first.length);
        if (d < 0) {
            return null;
        }
        int[] out = first.clone();
        long total = 0;
        for (int[] s : shapes) {
            if (s.length != first.length) {
                return null;
            }
            for (int i = 0; i < s.length; i++) {
                if (i != d && s[i] != first[i]) {
                    return null;
                }
            }
            total += s[d];
        }
        if (total > Integer.MAX_VALUE) {
            return null; // a dimension is an int here
        }
        out[d] = (int) total;
        return out;
    }

    /** np.stack: at least one array, all of one shape, the new axis in [-(rank+1), rank]. */
    static int[] stack(int ax, List<int[]> shapes) {
        if (shapes.isEmpty()) {
            return null;
        }
        int[] first = shapes.get(0);
        for (int[] s : shapes) {
            if (!Arrays.equals(s, first)) {
                return null;
            }
        }
        int d = axis(ax, first.length + 1);
        return d < 0 ? null : insert(first, d, shapes.size());
    }

    /** np.matmul, including 1-D operands (a row on the left, a column on the right, dropped after). */
    static int[] matmul(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return null;
        }
        int[] a2 = a.length == 1 ? new int[] {1, a[0]} : a;
        int[] b2 = b.length == 1 ? new int[] {b[0], 1} : b;
        int ra = a2.length, rb = b2.length;
        if (a2[ra - 1] != b2[rb - 2]) {
            return null;
        }
        int[] batch = broadcast(Arrays.copyOf(a2, ra - 2), Arrays.copyOf(b2, rb - 2));
        if (batch == null) {
            return null;
        }
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = a2[ra - 2];
        out[batch.length + 1] = b2[rb - 1];
        if (b.length == 1) {
            out = remove(out, out.length - 1);
        }
        if (a.length == 1) {
            out = remove(out, out.length - (b.length == 1 ? 1 : 2));
        }
        return out;
    }

    /** np.broadcast_to: the source broadcasts to exactly the target (no negative target dims). */
    static int[] expand(int[] from, int[] target) {
        target = target.clone();
        for (int i = 0; i < target.length; i++) {
            int existing = i - (target.length - from.length); // the axis of from it lines up with, from the right
            if (target[i] == -1 && existing >= 0) {
                target[i] = from[existing]; // torch: -1 keeps that size
            } else if (target[i] < 0) {
                return null;
            }
        }
        int[] b = broadcast(from, target);
        return b != null && Arrays.equals(b, target) ? target.clone() : null;
    }

    /** The inverse of broadcasting: the target must broadcast to the source. */
    static int[] sumTo(int[] from, int[] target) {
        for (int d : target) {
            if (d < 0) {
                return null;
            }
        }
        int[] b = broadcast(target, from);
        return b != null && Arrays.equals(b, from) ? target.clone() : null;
    }

    /**
     * torch.gather: the index has the input's rank, is no larger off the axis, and holds
     * whole numbers in [0, length of the axis); the result has the index's shape.
     */
    static int[] gather(int[] shape, int ax, int[] indexShape, double[] index) {
        int d = axis(ax, shape.length);
        if (d < 0 || indexShape.length != shape.length) {
            return null;
        }
        for (int i = 0; i < shape.length; i++) {
            if (i != d && indexShape[i] > shape[i]) {
                return null;
            }
        }
        for (double v : index) {
            if (v != Math.rint(v) || v < 0 || v >= shape[d]) {
                return null;
            }
        }
        return indexShape.clone();
    }

    /** torch.index_select: indices in [0, length of the axis); the axis gets their count. */
    static int[] indexSelect(int[] shape, int ax, int[] indices) {
        int d = axis(ax, shape.length);
        if (d < 0) {
            return null;
        }
        for (int i : indices) {
            if (i < 0 || i >= shape[d]) {
                return null;
            }
        }
        int[] out = shape.clone();
        out[d] = indices.length;
        return out;
    }

    /** One-hot rows: numClasses positive, every label in [0, numClasses), the result fits an int count. */
    static int[] oneHot(int[] labels, int numClasses) {
        if (numClasses <= 0 || (long) labels.length * numClasses > Integer.MAX_VALUE) {
            return null;
        }
        for (int l : labels) {
            if (l < 0 || l >= numClasses) {
                return null;
            }
        }
        return new int[] {labels.length, numClasses};
    }

    static int[] remove(int[] shape, int d) {
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    static int[] insert(int[] shape, int d, int value) {
        int[] out = new int[shape.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == d ? value : shape[j++];
        }
        return out;
    }
}
