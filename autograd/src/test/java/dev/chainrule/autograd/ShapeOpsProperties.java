package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.gaussian;
import static dev.chainrule.testkit.TensorArbitraries.gaussianLeaf;
import static dev.chainrule.testkit.TensorArbitraries.maybeNegative;
import static dev.chainrule.testkit.TensorArbitraries.permutation;
import static dev.chainrule.testkit.TensorArbitraries.shape;
import static dev.chainrule.autograd.TensorTesting.assertEachElement;
import static dev.chainrule.autograd.TensorTesting.at;
import static dev.chainrule.autograd.TensorTesting.broadcastIndex;
import static dev.chainrule.autograd.TensorTesting.checkGradients;
import static dev.chainrule.autograd.TensorTesting.checkGradientsOfAll;
import static dev.chainrule.autograd.TensorTesting.size;
import static dev.chainrule.autograd.TensorTesting.unravel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * One property per shape op: the forward agrees with an index-by-index oracle, the gradient
 * with central finite differences, and (through {@code op(x) * op(x)}, so the rule runs on a
 * gradient that is itself a graph) the second derivatives too.
 */
class ShapeOpsProperties {

    @Property(tries = 40)
    void reshapeKeepsRowMajorOrder(@ForAll long seed, @ForAll boolean infer) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 4);
        Tensor x = gaussian(rng, s);
        int n = size(s);
        List<Integer> divisors = new ArrayList<>();
        for (int d = 1; d <= n; d++) {
            if (n % d == 0) {
                divisors.add(d);
            }
        }
        int d = divisors.get(rng.nextInt(divisors.size()));
        int[] target = infer ? new int[] {d, -1} : new int[] {n / d, 1, d};
        Tensor y = x.reshape(target);
        assertArrayEquals(infer ? new int[] {d, n / d} : target, y.shape());
        assertArrayEquals(x.toArray(), y.toArray());
        checkGradients(t -> t.reshape(target), x);
    }

    @Property(tries = 30)
    void viewSharesTheLeafStorage(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 4);
        Tensor x = gaussianLeaf(rng, s);
        Tensor y = x.view(-1);
        assertArrayEquals(new int[] {size(s)}, y.shape());
        x.update(a -> a[0] = 42);
        assertEquals(42, y.toArray()[0]);
        Tensor z = x.reshape(-1);
        x.update(a -> a[0] = 7);
        assertEquals(42, z.toArray()[0], "reshape copies");
        checkGradients(t -> t.view(-1), x);
    }

    @Property(tries = 40)
    void permuteMovesAxes(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 4, 3);
        int rank = s.length;
        int[] perm = permutation(rng, rank);
        int[] given = new int[rank];
        for (int i = 0; i < rank; i++) {
            given[i] = maybeNegative(rng, perm[i], rank);
        }
        Tensor x = gaussian(rng, s);
        Tensor y = x.permute(given);
        int[] ys = y.shape();
        for (int i = 0; i < rank; i++) {
            assertEquals(s[perm[i]], ys[i]);
        }
        assertEachElement(y, idx -> {
            int[] src = new int[rank];
            for (int i = 0; i < rank; i++) {
                src[perm[i]] = idx[i];
            }
            return at(x, src);
        });
        checkGradients(t -> t.permute(given), x);
    }

    @Property(tries = 40)
    void transposeSwapsTwoAxes(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 2, 4, 3);
        int rank = s.length;
        int i = rng.nextInt(rank), j = rng.nextInt(rank);
        int gi = maybeNegative(rng, i, rank), gj = maybeNegative(rng, j, rank);
        Tensor x = gaussian(rng, s);
        Tensor y = x.transpose(gi, gj);
        assertEachElement(y, idx -> {
            int[] src = idx.clone();
            src[i] = idx[j];
            src[j] = idx[i];
            return at(x, src);
        });
        checkGradients(t -> t.transpose(gi, gj), x);
        if (rank == 2) {
            assertArrayEquals(x.transpose(0, 1).toArray(), x.T().toArray());
            checkGradients(Tensor::T, x);
        }
    }

    @Property(tries = 40)
    void squeezeAndUnsqueeze(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 4, 2); // dims of 1 and 2: plenty of squeezable axes
        Tensor x = gaussian(rng, s);
        int[] expected = Arrays.stream(s).filter(d -> d != 1).toArray();
        assertArrayEquals(expected, x.squeeze().shape());
        assertArrayEquals(x.toArray(), x.squeeze().toArray());
        checkGradients(Tensor::squeeze, x);

        int ax = rng.nextInt(s.length + 1);
        int given = maybeNegative(rng, ax, s.length + 1);
        Tensor u = x.unsqueeze(given);
        assertEquals(s.length + 1, u.dim());
        assertEquals(1, u.shape()[ax]);
        assertArrayEquals(s, u.squeeze(given).shape());
        checkGradients(t -> t.unsqueeze(given), x);
        checkGradients(t -> t.unsqueeze(given).squeeze(given), x);
    }

    @Property(tries = 50)
    void sliceFollowsPythonSlicing(@ForAll long seed,
                                   @ForAll @IntRange(min = -6, max = 6) int start,
                                   @ForAll @IntRange(min = -6, max = 6) int end) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 4);
        int ax = rng.nextInt(s.length);
        int given = maybeNegative(rng, ax, s.length);
        int len = s[ax];
        // membership by Python's rule: i is kept iff start' <= i < end' (negatives count from the end)
        int lo = start < 0 ? start + len : start, hi = end < 0 ? end + len : end;
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            if (i >= lo && i < hi) {
                kept.add(i);
            }
        }
        Tensor x = gaussian(rng, s);
        Tensor y = x.slice(given, start, end);
        assertEquals(kept.size(), y.shape()[ax]);
        assertEachElement(y, idx -> {
            int[] src = idx.clone();
            src[ax] = kept.get(idx[ax]);
            return at(x, src);
        });
        if (!kept.isEmpty()) {
            checkGradients(t -> t.slice(given, start, end), x);
        }
    }

    @Property(tries = 40)
    void narrowTakesAWindow(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 4);
        int ax = rng.nextInt(s.length);
        int len = s[ax];
        int from = rng.nextInt(len);
        int length = 1 + rng.nextInt(len - from);
        int givenStart = rng.nextBoolean() ? from : from - len;
        Tensor x = gaussian(rng, s);
        Tensor y = x.narrow(ax, givenStart, length);
        assertArrayEquals(x.slice(ax, from, from + length).toArray(), y.toArray());
        assertEquals(length, y.shape()[ax]);
        checkGradients(t -> t.narrow(ax, givenStart, length), x);
    }

    @Property(tries = 40)
    void concatJoinsAlongAnAxis(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int count) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 3);
        int ax = rng.nextInt(s.length);
        int given = maybeNegative(rng, ax, s.length);
        Tensor[] parts = new Tensor[count];
        int[] offsets = new int[count + 1];
        for (int i = 0; i < count; i++) {
            int[] si = s.clone();
            si[ax] = 1 + rng.nextInt(3);
            parts[i] = gaussian(rng, si);
            offsets[i + 1] = offsets[i] + si[ax];
        }
        Tensor y = Tensor.concat(given, parts);
        assertEquals(offsets[count], y.shape()[ax]);
        assertEachElement(y, idx -> {
            int p = 0;
            while (idx[ax] >= offsets[p + 1]) {
                p++;
            }
            int[] src = idx.clone();
            src[ax] -= offsets[p];
            return at(parts[p], src);
        });
        assertArrayEquals(y.toArray(), Tensor.concat(given, List.of(parts)).toArray());
        checkGradientsOfAll(v -> Tensor.concat(given, v), parts);
    }

    @Property(tries = 40)
    void stackJoinsAlongANewAxis(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int count) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 0, 2, 3);
        int ax = rng.nextInt(s.length + 1);
        int given = maybeNegative(rng, ax, s.length + 1);
        Tensor[] parts = new Tensor[count];
        for (int i = 0; i < count; i++) {
            parts[i] = gaussian(rng, s);
        }
        Tensor y = Tensor.stack(given, parts);
        assertEquals(s.length + 1, y.dim());
        assertEquals(count, y.shape()[ax]);
        assertEachElement(y, idx -> at(parts[idx[ax]], ReferenceShapes.remove(idx, ax)));
        checkGradientsOfAll(v -> Tensor.stack(given, v), parts);
    }

    @Property(tries = 20)
    void viewOfAViewIsTheSameStorageWithoutNewNodes(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 3);
        Tensor x = gaussianLeaf(rng, s);
        assertSame(x, x.view(s), "a view to the same shape is the tensor itself");
        assertSame(x, x.permute(java.util.stream.IntStream.range(0, s.length).toArray()));
    }

    /** A shape that {@code s} broadcasts to: leading axes added, some length-1 axes widened. */
    private static int[] broadcastTarget(Random rng, int[] s) {
        int extra = rng.nextInt(3);
        int[] t = new int[extra + s.length];
        for (int i = 0; i < extra; i++) {
            t[i] = 1 + rng.nextInt(3);
        }
        for (int i = 0; i < s.length; i++) {
            t[extra + i] = s[i] == 1 ? 1 + rng.nextInt(3) : s[i];
        }
        return t;
    }

    @Property(tries = 40)
    void expandBroadcastsAndSumToUndoesIt(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 0, 3, 2);
        int[] t = broadcastTarget(rng, s);
        Tensor x = gaussian(rng, s);
        Tensor y = x.expand(t);
        assertArrayEquals(t, y.shape());
        assertEachElement(y, idx -> at(x, idx)); // the broadcasting read, by index arithmetic
        checkGradients(v -> v.expand(t), x);

        Tensor big = gaussian(rng, t);
        Tensor summed = big.sumTo(s);
        assertArrayEquals(s, summed.shape());
        double[] expected = new double[size(s)];
        for (int k = 0; k < big.size(); k++) {
            expected[broadcastIndex(unravel(k, t), s)] += big.toArray()[k];
        }
        TensorTesting.assertClose(expected, summed.toArray(), 1e-12, "sumTo");
        checkGradients(v -> v.sumTo(s), big);
    }

    @Property(tries = 20)
    void concatGivesGradientsOnlyToPartsThatWantThem(@ForAll long seed) {
        Random rng = new Random(seed);
        Tensor a = gaussianLeaf(rng, 2, 3);
        Tensor c = gaussian(rng, 1, 3);
        Tensor b = gaussianLeaf(rng, 3, 3);
        Tensor r = gaussian(rng, 6, 3);
        Tensor.concat(0, a, c, b).mul(r).sum().backward();
        assertArrayEquals(r.slice(0, 0, 2).toArray(), a.grad().toArray());
        assertArrayEquals(r.slice(0, 3, 6).toArray(), b.grad().toArray());
        assertEquals(null, c.grad());
    }
}
