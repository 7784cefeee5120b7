package dev.chainrule.autograd;

import static dev.chainrule.autograd.TensorTesting.assertEachElement;
import static dev.chainrule.autograd.TensorTesting.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.testkit.TensorArbitraries;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No silent wrong answers at the edges the bad-input properties reach (empty axes, rank 4,
 * int-extreme slice bounds, negative axes, batch broadcasting with 1-D operands): forward
 * values equal naive index loops written here, and because every shape op and matmul is
 * linear in each operand, backward must be its adjoint: {@code <op(x), G> = <x, backward(G)>}
 * for random x and G.
 */
class EdgeShapeValueProperties {

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.edgeShapes();
    }

    @Provide
    Arbitrary<int[]> nonScalarShapes() {
        return TensorArbitraries.edgeShapes(1, 4);
    }

    @Provide
    Arbitrary<Integer> axes() {
        return TensorArbitraries.edgeAxes();
    }

    @Provide
    Arbitrary<Integer> bounds() {
        return TensorArbitraries.edgeBounds();
    }

    // ---------------------------------------------------------------- helpers (index loops: TensorTesting)

    static Tensor random(int[] shape, Random rng) {
        double[] d = new double[(int) ReferenceShapes.count(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.round(rng.nextGaussian() * 8) / 4.0; // quarters: sums are exact
        }
        return Tensor.of(d, shape);
    }

    /**
     * Checks {@code <out, G> = Σ_k <inputs[k], grad_k>} after backward seeded with a random G:
     * the backward of a (multi)linear op is its adjoint. Exact, since values are quarters.
     */
    static void assertAdjoint(String op, Tensor out, Random rng, Tensor... inputs) {
        Tensor g = random(out.shape(), rng).detach();
        double lhs = dot(out.toArray(), g.toArray());
        out.backward(g);
        double rhs = 0;
        for (Tensor in : inputs) {
            if (in.grad() != null) {
                assertArrayEquals(in.shape(), in.grad().shape(), op + ": gradient shape");
                rhs += dot(in.toArray(), in.grad().toArray());
            }
        }
        assertEquals(lhs, rhs, 1e-9 * (1 + Math.abs(lhs)), op + ": backward is not the adjoint of forward");
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 100)
    void sliceAndNarrowPickTheRightElements(@ForAll("nonScalarShapes") int[] s, @ForAll("axes") int axis,
            @ForAll("bounds") int start, @ForAll("bounds") int end, @ForAll("seeds") long seed) {
        Assume.that(s.length > 0);
        axis = Math.floorMod(axis, 2 * s.length) - s.length; // any axis of s, from the front or the end
        int[] expected = ReferenceShapes.slice(s, axis, start, end);
        Random rng = new Random(seed);
        Tensor x = random(s, rng);
        int d = ReferenceShapes.axis(axis, s.length);
        long len = s[d];
        int from = (int) Math.max(0, Math.min(len, start < 0 ? (long) start + len : start));
        Tensor y = x.slice(axis, start, end);
        assertArrayEquals(expected, y.shape());
        assertEachElement(y, idx -> {
            int[] src = idx.clone();
            src[d] += from;
            return at(x, src);
        });
        assertAdjoint("slice", y, rng, x);
        int[] narrowed = ReferenceShapes.narrow(s, axis, start, end);
        if (narrowed != null) {
            // narrow(start, length) is the slice [start, start + length) with start from the end if negative
            int begin = start < 0 ? start + s[d] : start;
            Tensor x2 = Tensor.of(x.toArray(), s);
            Tensor z = x2.narrow(axis, start, end);
            assertArrayEquals(narrowed, z.shape());
            assertEquals(Arrays.toString(x.slice(axis, begin, begin + end).toArray()), Arrays.toString(z.toArray()));
            assertAdjoint("narrow", z, rng, x2);
        }
    }

    @Property(tries = 80)
    void permuteAndTransposeMoveElements(@ForAll("shapes") int[] s, @ForAll("seeds") long seed) {
        Random rng = new Random(seed);
        int[] perm = Arrays.stream(TensorArbitraries.permutation(rng, s.length))
                .map(i -> rng.nextBoolean() ? i : i - s.length).toArray();
        Tensor x = random(s, rng);
        Tensor y = x.permute(perm);
        int[] out = ReferenceShapes.permute(s, perm);
        assertArrayEquals(out, y.shape());
        assertEachElement(y, idx -> {
            int[] src = new int[s.length];
            for (int i = 0; i < perm.length; i++) {
                src[ReferenceShapes.axis(perm[i], s.length)] = idx[i];
            }
            return at(x, src);
        });
        assertAdjoint("permute", y, rng, x);
    }

    @Property(tries = 80)
    void indexSelectAndGatherPickTheRightElements(@ForAll("nonScalarShapes") int[] base, @ForAll("axes") int anyAxis,
            @ForAll("seeds") long seed) {
        int axis = Math.floorMod(anyAxis, 2 * base.length) - base.length;
        int d = ReferenceShapes.axis(axis, base.length);
        int[] s = base.clone();
        s[d] = Math.max(s[d], 1); // something to select from
        Random rng = new Random(seed);
        Tensor x = random(s, rng);
        int[] indices = rng.ints(rng.nextInt(5), 0, s[d]).toArray();
        Tensor y = x.indexSelect(axis, indices);
        int[] shape = ReferenceShapes.indexSelect(s, axis, indices);
        assertArrayEquals(shape, y.shape());
        assertEachElement(y, idx -> {
            int[] src = idx.clone();
            src[d] = indices[idx[d]];
            return at(x, src);
        });
        assertAdjoint("indexSelect", y, rng, x);

        int[] idxShape = s.clone();
        for (int i = 0; i < s.length; i++) {
            idxShape[i] = i == d ? rng.nextInt(4) : rng.nextInt(s[i] + 1);
        }
        double[] index = rng.ints((int) ReferenceShapes.count(idxShape), 0, s[d]).asDoubleStream().toArray();
        Tensor x2 = Tensor.of(x.toArray(), s);
        Tensor indexTensor = Tensor.constant(index, idxShape);
        Tensor g = x2.gather(axis, indexTensor);
        assertEachElement(g, idx -> {
            int[] src = idx.clone();
            src[d] = (int) at(indexTensor, idx);
            return at(x, src);
        });
        assertAdjoint("gather", g, rng, x2);
    }

    @Property(tries = 100)
    void matmulMatchesANaiveLoop(@ForAll("matmulPairs") int[][] pair, @ForAll("seeds") long seed) {
        int[] expected = ReferenceShapes.matmul(pair[0], pair[1]);
        Assume.that(expected != null);
        Random rng = new Random(seed);
        Tensor a = random(pair[0], rng), b = random(pair[1], rng);
        Tensor c = a.matmul(b);
        assertArrayEquals(expected, c.shape());
        double[] ad = a.toArray(), bd = b.toArray(), cd = c.toArray();
        double[] naive = TensorTesting.naiveMatmul(ad, pair[0], bd, pair[1], null)[0];
        assertArrayEquals(naive, cd, 1e-9, () -> "matmul of " + Arrays.toString(pair[0]) + " and "
                + Arrays.toString(pair[1]));
        // bilinear: <AB, G> = <A, dA> = <B, dB>; the sum of both is twice it
        Tensor g = random(c.shape(), rng).detach();
        double lhs = dot(cd, g.toArray());
        c.backward(g);
        assertEquals(lhs, dot(ad, a.grad().toArray()), 1e-9 * (1 + Math.abs(lhs)), "matmul dA");
        assertEquals(lhs, dot(bd, b.grad().toArray()), 1e-9 * (1 + Math.abs(lhs)), "matmul dB");
    }

    /**
     * Valid matmul operands: broadcast-compatible batch shapes (shared generator), m, k, n in
     * 0..3, and either operand sometimes 1-D.
     */
    @Provide
    Arbitrary<int[][]> matmulPairs() {
        Arbitrary<int[]> mkn = Arbitraries.integers().between(0, 3).array(int[].class).ofSize(3);
        Arbitrary<Integer> oneD = Arbitraries.integers().between(0, 3); // 0: a 1-D, 1: b 1-D, else neither
        return net.jqwik.api.Combinators.combine(TensorArbitraries.broadcastPairs(0, 2, 3), mkn, oneD)
                .as((batch, d, which) -> {
                    int[] a = which == 0 ? new int[] {d[1]} : concat(batch.a(), d[0], d[1]);
                    int[] b = which == 1 ? new int[] {d[1]} : concat(batch.b(), d[1], d[2]);
                    return new int[][] {a, b};
                });
    }

    private static int[] concat(int[] batch, int rows, int cols) {
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = rows;
        out[batch.length + 1] = cols;
        return out;
    }

    /** Every other linear op at edge shapes: backward is the adjoint of forward. */
    @Property(tries = 100)
    void linearOpsHaveAdjointBackwards(@ForAll("shapes") int[] s, @ForAll("shapes") int[] other,
            @ForAll("axes") int axis, @ForAll("seeds") long seed) {
        Random rng = new Random(seed);
        adjointIfValid("sum", ReferenceShapes.reduce(s, new int[] {axis}, false), s, rng, x -> x.sum(axis));
        int[] meanShape = ReferenceShapes.reduce(s, new int[] {axis}, true);
        if (meanShape != null && s[ReferenceShapes.axis(axis, s.length)] > 0) { // an empty mean is NaN, as PyTorch
            adjointIfValid("mean", meanShape, s, rng, x -> x.mean(axis, true));
        }
        adjointIfValid("sum()", new int[0], s, rng, Tensor::sum);
        adjointIfValid("transpose", ReferenceShapes.transpose(s, axis, 0), s, rng, x -> x.transpose(axis, 0));
        adjointIfValid("unsqueeze", ReferenceShapes.unsqueeze(s, axis), s, rng, x -> x.unsqueeze(axis));
        adjointIfValid("squeeze", ReferenceShapes.squeeze(s), s, rng, Tensor::squeeze);
        adjointIfValid("reshape", new int[] {(int) ReferenceShapes.count(s)}, s, rng, x -> x.reshape(-1));
        adjointIfValid("expand", ReferenceShapes.expand(s, other), s, rng, x -> x.expand(other));
        adjointIfValid("sumTo", ReferenceShapes.sumTo(s, other), s, rng, x -> x.sumTo(other));
        adjointIfValid("stack", ReferenceShapes.stack(axis, List.of(s, s)), s, rng,
                x -> Tensor.stack(axis, x, x.mul(-2.0)));
        if (s.length > 0) {
            int[] s2 = s.clone();
            int d = ReferenceShapes.axis(axis, s.length);
            if (d >= 0) {
                s2[d] = rng.nextInt(3);
                Tensor y = Tensor.zeros(s2); // a constant part of zeros: it adds nothing to <out, G>
                adjointIfValid("concat", ReferenceShapes.concat(axis, List.of(s, s2, s)), s, rng,
                        x -> Tensor.concat(axis, x, y, x));
            }
        }
        int[] mask = ReferenceShapes.broadcast(s, other);
        if (mask != null) {
            Tensor b = random(other, rng);
            Tensor m = random(mask, rng).gt(0);
            Tensor a = random(s, rng);
            assertAdjoint("where", Tensor.where(m, a, b), rng, a, b);
        }
    }

    private static void adjointIfValid(String op, int[] expected, int[] s, Random rng,
                                       java.util.function.UnaryOperator<Tensor> f) {
        if (expected == null) {
            return;
        }
        Tensor x = random(s, rng);
        Tensor y = f.apply(x);
        assertArrayEquals(expected, y.shape(), op + " shape");
        if (y == x) {
            return; // an identity returns its input: nothing to check
        }
        assertAdjoint(op, y, rng, x);
    }
}
