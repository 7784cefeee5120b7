package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.gaussian;
import static dev.chainrule.testkit.TensorArbitraries.maybeNegative;
import static dev.chainrule.testkit.TensorArbitraries.shape;
import static dev.chainrule.autograd.TensorTesting.assertEachElement;
import static dev.chainrule.autograd.TensorTesting.at;
import static dev.chainrule.autograd.TensorTesting.checkGradients;
import static dev.chainrule.autograd.TensorTesting.checkGradientsOfAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * One property per layout op: the forward against an index-by-index oracle (where each
 * element comes from), the gradient against central finite differences, and second order
 * through {@code op(x) * op(x)}, over random shapes and arguments.
 */
class LayoutOpsProperties {

    @Property(tries = 40)
    void flipReversesTheGivenAxes(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 4);
        int rank = s.length;
        List<Integer> chosen = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (rng.nextBoolean()) {
                chosen.add(d);
            }
        }
        Collections.shuffle(chosen, rng);
        int[] given = chosen.stream().mapToInt(d -> maybeNegative(rng, d, rank)).toArray();
        Tensor x = gaussian(rng, s);
        Tensor y = x.flip(given);
        assertArrayEquals(s, y.shape());
        assertEachElement(y, idx -> {
            int[] src = idx.clone();
            for (int d : chosen) {
                src[d] = s[d] - 1 - idx[d];
            }
            return at(x, src);
        });
        checkGradients(t -> t.flip(given), x);
    }

    @Property(tries = 40)
    void rollWrapsRound(@ForAll long seed, @ForAll @IntRange(min = -9, max = 9) int shift) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 4);
        int ax = rng.nextInt(s.length);
        int given = maybeNegative(rng, ax, s.length);
        Tensor x = gaussian(rng, s);
        Tensor y = x.roll(shift, given);
        assertEachElement(y, idx -> {
            int[] src = idx.clone();
            src[ax] = Math.floorMod(idx[ax] - shift, s[ax]);
            return at(x, src);
        });
        checkGradients(t -> t.roll(shift, given), x);
    }

    @Property(tries = 40)
    void padSurroundsWithTheValue(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 3);
        int[][] w = new int[s.length][];
        int[] out = new int[s.length];
        for (int d = 0; d < s.length; d++) {
            w[d] = new int[] {rng.nextInt(3), rng.nextInt(3)};
            out[d] = s[d] + w[d][0] + w[d][1];
        }
        double value = rng.nextGaussian();
        Tensor x = gaussian(rng, s);
        Tensor y = x.pad(w, value);
        assertArrayEquals(out, y.shape());
        assertEachElement(y, idx -> {
            int[] src = new int[s.length];
            for (int d = 0; d < s.length; d++) {
                src[d] = idx[d] - w[d][0];
                if (src[d] < 0 || src[d] >= s[d]) {
                    return value;
                }
            }
            return at(x, src);
        });
        checkGradients(t -> t.pad(w, value), x);
    }

    @Property(tries = 40)
    void repeatTiles(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 0, 3, 3);
        int[] reps = new int[s.length + rng.nextInt(2)];
        for (int d = 0; d < reps.length; d++) {
            reps[d] = rng.nextInt(3) + (rng.nextInt(6) == 0 ? 0 : 1);
        }
        Tensor x = gaussian(rng, s);
        Tensor y = x.repeat(reps);
        int lead = reps.length - s.length;
        int[] out = new int[reps.length];
        for (int d = 0; d < reps.length; d++) {
            out[d] = reps[d] * (d < lead ? 1 : s[d - lead]);
        }
        assertArrayEquals(out, y.shape());
        assertEachElement(y, idx -> {
            int[] src = new int[s.length];
            for (int d = 0; d < s.length; d++) {
                src[d] = idx[d + lead] % s[d];
            }
            return at(x, src);
        });
        checkGradients(t -> t.repeat(reps), x);
    }

    @Property(tries = 40)
    void repeatInterleaveRepeatsEachInPlace(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int repeats) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 3);
        int ax = rng.nextInt(s.length);
        int given = maybeNegative(rng, ax, s.length);
        Tensor x = gaussian(rng, s);
        Tensor y = x.repeatInterleave(repeats, given);
        int[] out = s.clone();
        out[ax] *= repeats;
        assertArrayEquals(out, y.shape());
        assertEachElement(y, idx -> {
            int[] src = idx.clone();
            src[ax] = idx[ax] / repeats;
            return at(x, src);
        });
        checkGradients(t -> t.repeatInterleave(repeats, given), x);
    }

    @Property(tries = 40)
    void splitAndChunkCutIntoPieces(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int size) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 6);
        int ax = rng.nextInt(s.length);
        int given = maybeNegative(rng, ax, s.length);
        int n = s[ax];
        Tensor x = gaussian(rng, s);
        assertPieces(x, ax, x.split(size, given), size, (n + size - 1) / size);
        // torch.chunk: pieces of ceil(n / chunks), so possibly fewer than asked for
        int chunks = size;
        int piece = (n + chunks - 1) / chunks;
        assertPieces(x, ax, x.chunk(chunks, given), piece, (n + piece - 1) / piece);
        // gradients through the pieces put back in reverse order (a permutation of the input)
        checkGradients(t -> {
            List<Tensor> parts = new ArrayList<>(t.split(size, given));
            Collections.reverse(parts);
            return Tensor.concat(given, parts);
        }, x);
        checkGradients(t -> t.chunk(chunks, given).get(0), x);
    }

    private static void assertPieces(Tensor x, int ax, List<Tensor> pieces, int size, int count) {
        assertEquals(count, pieces.size(), "number of pieces");
        int n = x.shape()[ax];
        for (int i = 0; i < count; i++) {
            assertEquals(Math.min(size, n - i * size), pieces.get(i).shape()[ax], "length of piece " + i);
        }
        assertArrayEquals(x.toArray(), Tensor.concat(ax, pieces).toArray());
    }

    @Property(tries = 40)
    void trilAndTriuKeepATriangle(@ForAll long seed, @ForAll @IntRange(min = -4, max = 4) int k) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 2, 4, 4);
        int r = s.length;
        Tensor x = gaussian(rng, s);
        assertEachElement(x.tril(k), idx -> idx[r - 1] - idx[r - 2] <= k ? at(x, idx) : 0);
        assertEachElement(x.triu(k), idx -> idx[r - 1] - idx[r - 2] >= k ? at(x, idx) : 0);
        checkGradients(t -> t.tril(k), x);
        checkGradients(t -> t.triu(k), x);
    }

    @Property(tries = 40)
    void maskedFillReplacesWhereTheMaskIsSet(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 4);
        // the mask: a trailing part of the shape, some axes 1 (broadcast)
        int[] ms = Arrays.copyOfRange(s, rng.nextInt(s.length + 1), s.length);
        for (int d = 0; d < ms.length; d++) {
            ms[d] = rng.nextBoolean() ? 1 : ms[d];
        }
        double[] m = new double[TensorTesting.size(ms)];
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextBoolean() ? 1 : 0;
        }
        Tensor mask = Tensor.constant(m, ms);
        double value = rng.nextGaussian();
        Tensor x = gaussian(rng, s);
        Tensor y = x.maskedFill(mask, value);
        assertArrayEquals(s, y.shape());
        assertEachElement(y, idx -> at(mask, idx) != 0 ? value : at(x, idx));
        checkGradients(t -> t.maskedFill(mask, value), x);
        // the gradient is exactly 0 at the filled places
        Tensor leaf = x.toLeaf();
        leaf.maskedFill(mask, value).sum().backward();
        assertEachElement(leaf.grad(), idx -> at(mask, idx) != 0 ? 0 : 1);
    }

    @Property(tries = 60)
    void stridedSliceFollowsPython(@ForAll long seed,
                                   @ForAll @IntRange(min = -7, max = 7) int start,
                                   @ForAll @IntRange(min = -7, max = 7) int end,
                                   @ForAll @IntRange(min = -3, max = 3) int step) {
        if (step == 0) {
            return;
        }
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 5);
        int ax = rng.nextInt(s.length);
        int given = maybeNegative(rng, ax, s.length);
        int[] kept = pythonSlice(s[ax], start, end, step);
        Tensor x = gaussian(rng, s);
        Tensor y = x.slice(given, start, end, step);
        int[] out = s.clone();
        out[ax] = kept.length;
        assertArrayEquals(out, y.shape());
        assertEachElement(y, idx -> {
            int[] src = idx.clone();
            src[ax] = kept[idx[ax]];
            return at(x, src);
        });
        checkGradients(t -> t.slice(given, start, end, step), x);
    }

    @Property(tries = 20)
    void omittedBoundsAreTheExtremes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int k) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 5);
        int ax = rng.nextInt(s.length);
        Tensor x = gaussian(rng, s);
        assertArrayEquals(x.flip(ax).toArray(), x.slice(ax, Integer.MAX_VALUE, Integer.MIN_VALUE, -1).toArray());
        assertArrayEquals(x.indexSelect(ax, pythonSlice(s[ax], 0, s[ax], k)).toArray(),
                x.slice(ax, Integer.MIN_VALUE, Integer.MAX_VALUE, k).toArray());
    }

    /**
     * The indices {@code list(range(n))[start:end:step]} keeps, spelled out from the Python
     * reference's rules: every i in [0, n) that the step reaches from the normalized start
     * before passing the normalized end.
     */
    static int[] pythonSlice(int n, int start, int end, int step) {
        List<Integer> kept = new ArrayList<>();
        if (step > 0) {
            int lo = Math.max(0, Math.min(n, start < 0 ? start + n : start));
            int hi = Math.max(0, Math.min(n, end < 0 ? end + n : end));
            for (int i = lo; i < hi; i += step) {
                kept.add(i);
            }
        } else {
            int hi = Math.max(-1, Math.min(n - 1, start < 0 ? start + n : start));
            int lo = Math.max(-1, Math.min(n - 1, end < 0 ? end + n : end));
            for (int i = hi; i > lo; i += step) {
                kept.add(i);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    @Property(tries = 30)
    void diagonalAndTraceOfBatches(@ForAll long seed) {
        Random rng = new Random(seed);
        int n = 1 + rng.nextInt(4);
        int[] batch = shape(rng, 0, 2, 3);
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = n;
        s[batch.length + 1] = n;
        Tensor x = gaussian(rng, s);
        assertEachElement(x.diagonal(), idx -> {
            int[] src = Arrays.copyOf(idx, idx.length + 1);
            src[idx.length] = idx[idx.length - 1];
            return at(x, src);
        });
        TensorTesting.assertClose(x.diagonal().sum(-1).toArray(), x.trace().toArray(), 0, "trace");
        checkGradients(Tensor::diagonal, x);
        checkGradients(Tensor::trace, x);
    }

    @Property(tries = 20)
    void composedLayoutsDifferentiateTwice(@ForAll long seed) {
        // several ops in one graph, two inputs: the rules meet each other's gradients
        Random rng = new Random(seed);
        int n = 2 + rng.nextInt(3);
        Tensor a = gaussian(rng, n, n), b = gaussian(rng, 1, n);
        checkGradientsOfAll(v -> v.get(0).flip(0).roll(1, 1).tril(0)
                .add(v.get(1).repeat(n, 1)).pad(new int[][] {{1, 0}, {0, 1}}, 0.5).slice(1, -1, -n - 2, -2), a, b);
    }
}
