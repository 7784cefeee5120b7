package dev.chainrule.autograd;

import static dev.chainrule.autograd.BadInputs.expect;
import static dev.chainrule.autograd.BadInputs.leaf;

import dev.chainrule.testkit.TensorArbitraries;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The layout ops and einsum called with random, often invalid, shapes (empty axes and rank 0
 * included), axes, counts, widths and bounds: each call succeeds with the shape PyTorch/NumPy
 * give (computed here, independently) and a backward pass keeping input shapes, or is refused
 * with a clean exception naming the op ({@link BadInputs}).
 */
class LayoutBadInputProperties {

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.edgeShapes();
    }

    @Provide
    Arbitrary<Integer> axes() {
        return TensorArbitraries.edgeAxes();
    }

    @Provide
    Arbitrary<Integer> bounds() {
        return TensorArbitraries.edgeBounds();
    }

    @Provide
    Arbitrary<int[]> counts() {
        return Arbitraries.integers().between(-1, 2).array(int[].class).ofMinSize(0).ofMaxSize(5);
    }

    private static int axis(int axis, int rank) {
        return ReferenceShapes.axis(axis, rank);
    }

    @Property(tries = 80)
    void flipAndRoll(@ForAll("shapes") int[] s, @ForAll("counts") int[] raw, @ForAll("axes") int axis,
                     @ForAll("bounds") int shift) {
        Tensor a = leaf(s);
        int[] flipAxes = Arrays.stream(raw).map(x -> x * 2 - 1).toArray(); // -3..3: some out of range, some repeated
        boolean ok = true;
        boolean[] seen = new boolean[s.length];
        for (int f : flipAxes) {
            int d = axis(f, s.length);
            ok &= d >= 0 && !seen[d];
            if (d >= 0) {
                seen[d] = true;
            }
        }
        expect("flip", ok ? s : null, () -> a.flip(flipAxes), a);
        expect("roll", axis(axis, s.length) >= 0 ? s : null, () -> a.roll(shift, axis), a);
    }

    @Property(tries = 80)
    void pad(@ForAll("shapes") int[] s, @ForAll @IntRange(min = -1, max = 1) int extraPairs,
             @ForAll("counts") int[] widths) {
        Tensor a = leaf(s);
        int pairs = Math.max(0, s.length + extraPairs);
        int[][] w = new int[pairs][];
        int[] out = new int[pairs];
        boolean ok = pairs == s.length;
        for (int d = 0; d < pairs; d++) {
            w[d] = new int[] {widths.length > 2 * d ? widths[2 * d] : 1, widths.length > 2 * d + 1 ? widths[2 * d + 1] : 0};
            ok &= w[d][0] >= 0 && w[d][1] >= 0;
            out[d] = ok ? s[d] + w[d][0] + w[d][1] : 0;
        }
        expect("pad", ok ? out : null, () -> a.pad(w, -1.5), a);
    }

    @Property(tries = 80)
    void repeatAndRepeatInterleave(@ForAll("shapes") int[] s, @ForAll("counts") int[] reps, @ForAll("axes") int axis,
                                   @ForAll @IntRange(min = -1, max = 3) int repeats) {
        Tensor a = leaf(s);
        int lead = reps.length - s.length;
        boolean ok = lead >= 0 && Arrays.stream(reps).allMatch(r -> r >= 0);
        int[] out = new int[reps.length];
        for (int d = 0; ok && d < reps.length; d++) {
            out[d] = reps[d] * (d < lead ? 1 : s[d - lead]);
        }
        expect("repeat", ok ? out : null, () -> a.repeat(reps), a);
        int ax = axis(axis, s.length);
        int[] inter = s.clone();
        if (ax >= 0) {
            inter[ax] *= repeats;
        }
        expect("repeatInterleave", ax >= 0 && repeats >= 0 ? inter : null, () -> a.repeatInterleave(repeats, axis), a);
    }

    @Property(tries = 80)
    void splitAndChunk(@ForAll("shapes") int[] s, @ForAll("axes") int axis, @ForAll @IntRange(min = -1, max = 3) int k) {
        Tensor a = leaf(s);
        int ax = axis(axis, s.length);
        int n = ax >= 0 ? s[ax] : 0;
        boolean splitOk = ax >= 0 && (k > 0 || k == 0 && n == 0);
        expect("split", splitOk ? s : null, () -> join(ax, a.split(k, axis)), a);
        expect("chunk", ax >= 0 && k > 0 ? s : null, () -> join(ax, a.chunk(k, axis)), a);
    }

    /** The pieces joined back, so BadInputs can check the shape and a backward pass through all of them. */
    private static Tensor join(int ax, List<Tensor> pieces) {
        return Tensor.concat(ax, pieces);
    }

    @Property(tries = 80)
    void trianglesDiagonalAndTrace(@ForAll("shapes") int[] s, @ForAll("bounds") int k) {
        Tensor a = leaf(s);
        int r = s.length;
        expect("tril", r >= 2 ? s : null, () -> a.tril(k), a);
        expect("triu", r >= 2 ? s : null, () -> a.triu(k), a);
        boolean square = r >= 2 && s[r - 1] == s[r - 2];
        expect("diagonal", square ? Arrays.copyOf(s, r - 1) : null, a::diagonal, a);
        expect("diagonal", square ? Arrays.copyOf(s, r - 2) : null, a::trace, a);
    }

    @Property(tries = 80)
    void maskedFill(@ForAll("shapes") int[] s, @ForAll("shapes") int[] m) {
        Tensor a = leaf(s);
        int[] b = ReferenceShapes.broadcast(m, s);
        expect("maskedFill", b != null && Arrays.equals(b, s) ? s : null, () -> a.maskedFill(Tensor.zeros(m), 3), a);
    }

    @Property(tries = 100)
    void stridedSlice(@ForAll("shapes") int[] s, @ForAll("axes") int axis, @ForAll("bounds") int start,
                      @ForAll("bounds") int end, @ForAll @IntRange(min = -3, max = 3) int step) {
        Tensor a = leaf(s);
        int ax = axis(axis, s.length);
        int[] out = s.clone();
        if (ax >= 0) {
            out[ax] = step == 0 ? 0 : LayoutOpsProperties.pythonSlice(s[ax], start, end, step).length;
        }
        expect("slice", ax >= 0 && step != 0 ? out : null, () -> a.slice(axis, start, end, step), a);
    }

    @Property(tries = 100)
    void einsumContractions(@ForAll("shapes") int[] sa, @ForAll("shapes") int[] sb) {
        Tensor a = leaf(sa), b = leaf(sb);
        boolean matrices = sa.length == 2 && sb.length == 2;
        expect("einsum", matrices && fits(sa[1], sb[0]) ? new int[] {sa[0], sb[1]} : null,
                () -> Tensor.einsum("ij,jk->ik", a, b), a, b);
        expect("einsum", sa.length == 1 && sb.length == 1 ? new int[] {sa[0], sb[0]} : null,
                () -> Tensor.einsum("i,j->ij", a, b), a, b);
        expect("einsum", sa.length == 2 && sa[0] == sa[1] ? new int[] {sa[0]} : null, () -> Tensor.einsum("ii->i", a), a);
        expect("einsum", sa.length == 2 && sa[0] == sa[1] ? new int[0] : null, () -> Tensor.einsum("ii", a), a);
        int[] batched = null;
        if (sa.length >= 2 && sb.length >= 2 && fits(sa[sa.length - 1], sb[sb.length - 2])) {
            int[] batch = ReferenceShapes.broadcast(Arrays.copyOf(sa, sa.length - 2), Arrays.copyOf(sb, sb.length - 2));
            if (batch != null) {
                batched = Arrays.copyOf(batch, batch.length + 2);
                batched[batch.length] = sa[sa.length - 2];
                batched[batch.length + 1] = sb[sb.length - 1];
            }
        }
        expect("einsum", batched, () -> Tensor.einsum("...ij,...jk", a, b), a, b);
    }

    /** A contracted subscript's two sizes: equal, or one of them 1 (broadcast, as torch.einsum). */
    private static boolean fits(int x, int y) {
        return x == y || x == 1 || y == 1;
    }
}
