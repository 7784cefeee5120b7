package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code torch.einsum}: Einstein summation over operands labelled by a spec such as
 * {@code "bij,bjk->bik"}. No new derivative rule: the spec is lowered to differentiable ops —
 * a window for a repeated label (a diagonal), a sum for a label no one else needs, and for each
 * pair of operands one batched matrix product on the matmul kernel (labels grouped by permute
 * and view into [batch, rows, contracted] · [batch, contracted, cols]) — so gradients, and
 * gradients of gradients, come from those ops. Operands are contracted left to right.
 *
 * <p>Spec: letters a-z and A-Z label axes; one {@code ...} per operand stands for its remaining
 * leading axes, broadcast across operands (NumPy rules). Spaces are ignored. Without {@code ->}
 * the output is the {@code ...} axes followed by the letters used exactly once, in ASCII order
 * (uppercase first), as PyTorch. A label's sizes must agree, or be 1 where another operand's is
 * not (broadcast, as PyTorch); a label repeated within one operand takes that operand's diagonal
 * and its sizes there must be equal. {@code ...} axes missing from an explicit output are summed.
 */
final class Einsum {
    /** Labels 0..51 are letters (A-Z, then a-z); the axes under "..." get 52, 53, ... in broadcast order. */
    private static final int LETTERS = 52;
    private static final int ELLIPSIS = -1;

    private Einsum() {
    }

    /** One operand on its way through the lowering: its tensor and one label per axis. */
    private record Term(Tensor t, int[] labels) {
    }

    /** The einsum of {@code operands} by {@code spec}: parse and check, then lower (see the class comment). */
    static Tensor einsum(String spec, Tensor... operands) {
        Objects.requireNonNull(spec, "einsum: spec is null");
        Objects.requireNonNull(operands, "einsum: operands are null");
        for (int i = 0; i < operands.length; i++) {
            int at = i;
            Objects.requireNonNull(operands[i], () -> "einsum: operand " + at + " is null");
        }
        String s = spec.replace(" ", "");
        int arrow = s.indexOf("->");
        if (arrow >= 0 && s.indexOf("->", arrow + 2) >= 0) {
            throw new IllegalArgumentException("einsum: '" + spec + "' has more than one '->'");
        }
        String[] terms = (arrow < 0 ? s : s.substring(0, arrow)).split(",", -1);
        if (terms.length != operands.length) {
            throw new IllegalArgumentException("einsum: '" + spec + "' has " + terms.length + " operand term"
                    + (terms.length == 1 ? "" : "s") + " but " + operands.length + " operand"
                    + (operands.length == 1 ? " was" : "s were") + " given " + shapes(operands));
        }
        int[][] parsed = new int[terms.length][];
        int ellipsisRank = 0;
        for (int i = 0; i < terms.length; i++) {
            parsed[i] = parse(spec, terms[i], "operand " + i);
            int letters = (int) Arrays.stream(parsed[i]).filter(l -> l != ELLIPSIS).count();
            int rank = operands[i].shape.length;
            boolean hasEllipsis = letters != parsed[i].length;
            if (hasEllipsis ? letters > rank : letters != rank) {
                throw new IllegalArgumentException("einsum: '" + spec + "': term '" + terms[i] + "' of operand " + i
                        + " has " + letters + " subscripts but the operand has shape " + Arrays.toString(operands[i].shape)
                        + " (" + rank + " dimensions); expected " + (hasEllipsis ? "at most " + rank : "one subscript per "
                        + "dimension, or a '...' for the rest"));
            }
            if (hasEllipsis) {
                ellipsisRank = Math.max(ellipsisRank, rank - letters);
            }
        }
        Term[] ops = new Term[operands.length];
        int[] sizes = new int[LETTERS + ellipsisRank];
        Arrays.fill(sizes, -1);
        int[] firstOperand = new int[sizes.length];
        for (int i = 0; i < operands.length; i++) {
            ops[i] = new Term(operands[i], expand(parsed[i], operands[i].shape.length, ellipsisRank));
            agreeSizes(spec, i, ops[i], operands, sizes, firstOperand);
        }
        int[] out = arrow < 0 ? implicitOutput(ops, ellipsisRank) : explicitOutput(spec, s.substring(arrow + 2), sizes, ellipsisRank);
        for (int i = 0; i < ops.length; i++) {
            ops[i] = dropBroadcast(diagonals(ops[i]), sizes);
        }
        return contract(ops, out);
    }

    // ---------------------------------------------------------------- parsing

    /** The labels of one term, with ELLIPSIS where "..." stands; refuses anything else. */
    private static int[] parse(String spec, String term, String what) {
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < term.length(); c++) {
            char ch = term.charAt(c);
            if (ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z') {
                labels.add(ch <= 'Z' ? ch - 'A' : 26 + ch - 'a');
            } else if (term.startsWith("...", c) && !labels.contains(ELLIPSIS)) {
                labels.add(ELLIPSIS);
                c += 2;
            } else {
                throw new IllegalArgumentException("einsum: '" + spec + "': " + what + " term '" + term + "' has '"
                        + (ch == '.' ? term.substring(c) : String.valueOf(ch)) + "' at position " + c
                        + "; expected letters a-z, A-Z and at most one '...'");
            }
        }
        return labels.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One label per axis: the "..." replaced by the labels of the trailing broadcast axes it covers. */
    private static int[] expand(int[] parsed, int rank, int ellipsisRank) {
        int[] labels = new int[rank];
        int covered = rank - (int) Arrays.stream(parsed).filter(l -> l != ELLIPSIS).count();
        int d = 0;
        for (int l : parsed) {
            if (l == ELLIPSIS) {
                for (int e = 0; e < covered; e++) {
                    labels[d++] = LETTERS + ellipsisRank - covered + e; // right-aligned, as broadcasting
                }
            } else {
                labels[d++] = l;
            }
        }
        return labels;
    }

    private static String name(int label) {
        if (label >= LETTERS) {
            return "'...' dimension " + (label - LETTERS);
        }
        return "subscript '" + (char) (label < 26 ? 'A' + label : 'a' + label - 26) + "'";
    }

    /** Records each label's size, refusing a mismatch (equal sizes, or 1 against another, across operands). */
    private static void agreeSizes(String spec, int i, Term op, Tensor[] operands, int[] sizes, int[] first) {
        int[] own = new int[sizes.length];
        Arrays.fill(own, -1);
        for (int d = 0; d < op.labels.length; d++) {
            int l = op.labels[d], n = op.t.shape[d];
            if (own[l] >= 0 && own[l] != n) {
                throw new IllegalArgumentException("einsum: '" + spec + "': " + name(l) + " is repeated in operand " + i
                        + " of shape " + Arrays.toString(op.t.shape) + " with sizes " + own[l] + " and " + n
                        + "; a repeated subscript takes a diagonal, so its sizes must be equal");
            }
            own[l] = n;
            if (sizes[l] < 0 || sizes[l] == 1 && n != 1) {
                sizes[l] = n; // the first size seen, or a size that a 1 seen so far broadcasts to
                first[l] = i;
            } else if (n != sizes[l] && n != 1) {
                throw new IllegalArgumentException("einsum: '" + spec + "': " + name(l) + " has size " + sizes[l]
                        + " in operand " + first[l] + " of shape " + Arrays.toString(operands[first[l]].shape) + " but "
                        + n + " in operand " + i + " of shape " + Arrays.toString(op.t.shape)
                        + "; expected equal sizes (or 1, which broadcasts)");
            }
        }
    }

    /** The "..." axes, then the letters used exactly once, in label (ASCII) order. */
    private static int[] implicitOutput(Term[] ops, int ellipsisRank) {
        int[] count = new int[LETTERS];
        for (Term op : ops) {
            for (int l : op.labels) {
                if (l < LETTERS) {
                    count[l]++;
                }
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int e = 0; e < ellipsisRank; e++) {
            out.add(LETTERS + e);
        }
        for (int l = 0; l < LETTERS; l++) {
            if (count[l] == 1) {
                out.add(l);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The output term's labels; each letter must appear in some operand, and only once here. */
    private static int[] explicitOutput(String spec, String term, int[] sizes, int ellipsisRank) {
        int[] parsed = parse(spec, term, "output");
        List<Integer> out = new ArrayList<>();
        for (int l : parsed) {
            if (l == ELLIPSIS) {
                for (int e = 0; e < ellipsisRank; e++) {
                    out.add(LETTERS + e);
                }
                continue;
            }
            if (sizes[l] < 0) {
                throw new IllegalArgumentException("einsum: '" + spec + "': output " + name(l)
                        + " does not appear in any operand; expected only subscripts of the operands");
            }
            if (out.contains(l)) {
                throw new IllegalArgumentException("einsum: '" + spec + "': output " + name(l)
                        + " appears more than once; expected each output subscript once");
            }
            out.add(l);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---------------------------------------------------------------- lowering

    /** A label repeated within an operand: its diagonal, as a window whose stride is the sum of the axes' strides. */
    private static Term diagonals(Term op) {
        int[] labels = op.labels;
        int[] strides = ShapeOps.strides(op.t.shape);
        List<Integer> unique = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> summed = new ArrayList<>();
        for (int d = 0; d < labels.length; d++) {
            int at = unique.indexOf(labels[d]);
            if (at < 0) {
                unique.add(labels[d]);
                sizes.add(op.t.shape[d]);
                summed.add(strides[d]);
            } else {
                summed.set(at, summed.get(at) + strides[d]);
            }
        }
        if (unique.size() == labels.length) {
            return op;
        }
        int[] shape = sizes.stream().mapToInt(Integer::intValue).toArray();
        int[] ws = summed.stream().mapToInt(Integer::intValue).toArray();
        return new Term(LayoutOps.window("diagonal", op.t, 0, ws, shape), unique.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Axes of size 1 whose label is larger elsewhere: dropped (a view), the other operand carries the label. */
    private static Term dropBroadcast(Term op, int[] sizes) {
        List<Integer> keep = new ArrayList<>();
        for (int d = 0; d < op.labels.length; d++) {
            if (op.t.shape[d] == sizes[op.labels[d]]) {
                keep.add(d);
            }
        }
        if (keep.size() == op.labels.length) {
            return op;
        }
        int[] labels = keep.stream().mapToInt(d -> op.labels[d]).toArray();
        int[] shape = keep.stream().mapToInt(d -> op.t.shape[d]).toArray();
        return new Term(ShapeOps.view(op.t, shape), labels);
    }

    /** Left to right: sum what no one else needs, contract each pair on the matmul kernel, order as the output. */
    private static Tensor contract(Term[] ops, int[] out) {
        Term acc = sumUnneeded(ops[0], needed(ops, 1, out, null));
        for (int i = 1; i < ops.length; i++) {
            int[] later = needed(ops, i + 1, out, null);
            Term b = sumUnneeded(ops[i], needed(ops, i + 1, out, acc.labels));
            acc = pair(sumUnneeded(acc, needed(ops, i + 1, out, b.labels)), b, later);
        }
        acc = sumUnneeded(acc, out);
        int[] perm = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            perm[i] = indexOf(acc.labels, out[i]);
        }
        return ShapeOps.permute(acc.t, perm);
    }

    /** The labels of the output, of operands {@code from..}, and of {@code also} (may be null). */
    private static int[] needed(Term[] ops, int from, int[] out, int[] also) {
        List<Integer> n = new ArrayList<>();
        for (int l : out) {
            n.add(l);
        }
        for (int i = from; i < ops.length; i++) {
            for (int l : ops[i].labels) {
                n.add(l);
            }
        }
        if (also != null) {
            for (int l : also) {
                n.add(l);
            }
        }
        return n.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sums the axes whose labels are not in {@code needed}. */
    private static Term sumUnneeded(Term op, int[] needed) {
        List<Integer> axes = new ArrayList<>(), kept = new ArrayList<>();
        for (int d = 0; d < op.labels.length; d++) {
            (indexOf(needed, op.labels[d]) < 0 ? axes : kept).add(d);
        }
        if (axes.isEmpty()) {
            return op;
        }
        Tensor t = Reductions.sum(op.t, axes.stream().mapToInt(Integer::intValue).toArray(), false);
        return new Term(t, kept.stream().mapToInt(d -> op.labels[d]).toArray());
    }

    /**
     * Contracts two operands whose every label is needed later or shared: shared labels needed
     * later are batch axes, the other shared ones are contracted by a (batched) matrix product,
     * the rest are its rows and columns. Without contracted labels it is a broadcast product.
     */
    private static Term pair(Term a, Term b, int[] later) {
        List<Integer> batch = new ArrayList<>(), rows = new ArrayList<>(), inner = new ArrayList<>(), cols = new ArrayList<>();
        for (int l : a.labels) {
            boolean shared = indexOf(b.labels, l) >= 0;
            (shared ? indexOf(later, l) >= 0 ? batch : inner : rows).add(l);
        }
        for (int l : b.labels) {
            if (indexOf(a.labels, l) < 0) {
                cols.add(l);
            }
        }
        List<Integer> result = new ArrayList<>(batch);
        result.addAll(rows);
        result.addAll(cols);
        int[] labels = result.stream().mapToInt(Integer::intValue).toArray();
        if (inner.isEmpty()) {
            // nothing to sum: an elementwise or outer product, a · b with each lifted to the result's axes
            Tensor x = lift(a, batch, rows, cols, true), y = lift(b, batch, rows, cols, false);
            return new Term(x.mul(y), labels);
        }
        int nb = product(a, batch), m = product(a, rows), k = product(a, inner), n = product(b, cols);
        boolean batched = !batch.isEmpty();
        // Aᵀ·B and A·Bᵀ are read in place by the kernel: use them when an operand is already so laid out
        boolean aTransposed = isOrder(a, batch, inner, rows) && !isOrder(a, batch, rows, inner);
        boolean bTransposed = !aTransposed && isOrder(b, batch, cols, inner) && !isOrder(b, batch, inner, cols);
        Tensor x = aTransposed ? matrices(a, batch, inner, rows, nb, k, m, batched) : matrices(a, batch, rows, inner, nb, m, k, batched);
        Tensor y = bTransposed ? matrices(b, batch, cols, inner, nb, n, k, batched) : matrices(b, batch, inner, cols, nb, k, n, batched);
        Tensor c = aTransposed ? MatMulOps.matmulTransA(x, y) : bTransposed ? MatMulOps.matmulTransB(x, y) : MatMulOps.matmul(x, y);
        int[] shape = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Term owner = indexOf(a.labels, labels[i]) >= 0 ? a : b;
            shape[i] = owner.t.shape[indexOf(owner.labels, labels[i])];
        }
        return new Term(ShapeOps.view(c, shape), labels);
    }

    /** The operand permuted to the label groups' order and viewed as [nb,] p × q matrices. */
    private static Tensor matrices(Term op, List<Integer> g0, List<Integer> g1, List<Integer> g2,
                                   int nb, int p, int q, boolean batched) {
        Tensor t = ShapeOps.permute(op.t, order(op, g0, g1, g2));
        return ShapeOps.view(t, batched ? new int[] {nb, p, q} : new int[] {p, q});
    }

    /** For the broadcast product: the operand permuted to [batch, rows, cols] order with 1 where it lacks a label. */
    private static Tensor lift(Term op, List<Integer> batch, List<Integer> rows, List<Integer> cols, boolean left) {
        Tensor t = ShapeOps.permute(op.t, order(op, batch, left ? rows : cols, List.of()));
        int[] shape = new int[batch.size() + rows.size() + cols.size()];
        int d = 0;
        for (List<Integer> group : List.of(batch, rows, cols)) {
            for (int l : group) {
                int at = indexOf(op.labels, l);
                shape[d++] = at < 0 ? 1 : op.t.shape[at];
            }
        }
        return ShapeOps.view(t, shape);
    }

    /** The permutation taking the operand's axes to the groups' labels in order. */
    private static int[] order(Term op, List<Integer> g0, List<Integer> g1, List<Integer> g2) {
        int[] perm = new int[g0.size() + g1.size() + g2.size()];
        int d = 0;
        for (List<Integer> group : List.of(g0, g1, g2)) {
            for (int l : group) {
                perm[d++] = indexOf(op.labels, l);
            }
        }
        return perm;
    }

    private static boolean isOrder(Term op, List<Integer> g0, List<Integer> g1, List<Integer> g2) {
        int[] perm = order(op, g0, g1, g2);
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static int product(Term op, List<Integer> labels) {
        int n = 1;
        for (int l : labels) {
            n *= op.t.shape[indexOf(op.labels, l)];
        }
        return n;
    }

    private static int indexOf(int[] labels, int l) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == l) {
                return i;
            }
        }
        return -1;
    }

    private static String shapes(Tensor[] ts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ts.length; i++) {
            b.append(i == 0 ? "" : ", ").append(Arrays.toString(ts[i].shape));
        }
        return "(" + b + ")";
    }
}
