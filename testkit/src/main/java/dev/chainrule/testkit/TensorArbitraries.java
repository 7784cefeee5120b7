package dev.chainrule.testkit;

import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for tensor property tests: random shapes, broadcast-compatible shape pairs, tensors with
 * values in an op's domain (optionally kept away from kinks, or pairwise distinct so a max
 * has no near-ties), and random reduction axes with keepDims.
 *
 * <p>Bad-input properties take {@link #edgeShapes()} (empty axes, rank 4), {@link #edgeAxes()}
 * and {@link #edgeBounds()}, which reach past what ops accept.
 *
 * <p>Properties that draw everything from one {@code @ForAll long seed} use the seeded
 * draws ({@link #shape(Random, int, int, int)}, {@link #gaussian}, {@link #permutation}).
 *
 * <p>Shapes are small (rank 0 to 3, dimensions 1 to 4 by default) so a finite-difference
 * check over every element stays cheap. Generated tensors are leaves made with
 * {@link Tensor#of}; every record here prints its shapes readably in jqwik reports.
 */
public final class TensorArbitraries {
    /** Default largest rank. */
    public static final int MAX_RANK = 3;
    /** Default largest dimension. */
    public static final int MAX_DIM = 4;

    private TensorArbitraries() {
    }

    // ---------------------------------------------------------------- shapes

    /**
     * Shapes of rank 0 to 3 with dimensions 1 to 4.
     *
     * @return the arbitrary
     */
    public static Arbitrary<int[]> shapes() {
        return shapes(0, MAX_RANK, MAX_DIM);
    }

    /**
     * Shapes of rank {@code minRank..maxRank} with dimensions {@code 1..maxDim}, each rank equally likely.
     *
     * @param minRank the smallest rank, at least 0
     * @param maxRank the largest rank, at least {@code minRank}
     * @param maxDim  the largest dimension, at least 1
     * @return the arbitrary
     */
    public static Arbitrary<int[]> shapes(int minRank, int maxRank, int maxDim) {
        if (minRank < 0 || maxRank < minRank || maxDim < 1) {
            throw new IllegalArgumentException("TensorArbitraries.shapes: need 0 <= minRank <= maxRank and maxDim >= 1, got "
                    + minRank + ", " + maxRank + ", " + maxDim);
        }
        // no edge-case mixing: it would make the smallest rank far more common than the others
        return uniform(minRank, maxRank).flatMap(rank -> uniform(1, maxDim).array(int[].class).ofSize(rank))
                .withoutEdgeCases();
    }

    /**
     * Integers drawn uniformly from [min, max] (jqwik's integer generation leans to small
     * values and edge cases, which here would mean mostly rank-0 shapes, no axes and no
     * broadcasting); shrinking still goes towards {@code min}.
     */
    private static Arbitrary<Integer> uniform(int min, int max) {
        List<Integer> range = new ArrayList<>();
        for (int i = min; i <= max; i++) {
            range.add(i);
        }
        return Arbitraries.of(range);
    }

    /**
     * Two shapes that broadcast together, and their broadcast. Built from the result shape:
     * each axis is shared, or 1 in one operand, and either operand may lose leading axes,
     * so broadcasting happens in both directions.
     *
     * @return the arbitrary
     */
    public static Arbitrary<ShapePair> broadcastPairs() {
        return broadcastPairs(0, MAX_RANK, MAX_DIM);
    }

    /**
     * As {@link #broadcastPairs()} with the broadcast shape's rank and dimensions bounded.
     *
     * @param minRank the broadcast shape's smallest rank
     * @param maxRank its largest rank
     * @param maxDim  its largest dimension
     * @return the arbitrary
     */
    public static Arbitrary<ShapePair> broadcastPairs(int minRank, int maxRank, int maxDim) {
        return shapes(minRank, maxRank, maxDim).flatMap(out -> {
            int r = out.length;
            Arbitrary<int[]> choices = uniform(0, 2).array(int[].class).ofSize(r);
            Arbitrary<Integer> dropA = uniform(0, r);
            Arbitrary<Integer> dropB = uniform(0, r);
            return Combinators.combine(choices, dropA, dropB).as((c, da, db) -> {
                int[] a = out.clone();
                int[] b = out.clone();
                for (int d = 0; d < r; d++) {
                    if (c[d] == 1) {
                        a[d] = 1;
                    } else if (c[d] == 2) {
                        b[d] = 1;
                    }
                }
                // one side loses leading axes (NumPy prepends 1s); the other keeps its rank
                int[] shortA = da <= db ? Arrays.copyOfRange(a, da, r) : a;
                int[] shortB = da > db ? Arrays.copyOfRange(b, db, r) : b;
                // the broadcast by NumPy's rule written out here, not by the code under test (dropped
                // axes can make it smaller than `out`)
                return new ShapePair(shortA, shortB, broadcast(shortA, shortB));
            });
        });
    }

    // ---------------------------------------------------------------- edge cases

    /**
     * Shapes of rank 0 to 4, dimensions 1 to 4, one of them sometimes 0 (an empty axis): for
     * properties about what ops accept or refuse.
     *
     * @return the arbitrary
     */
    public static Arbitrary<int[]> edgeShapes() {
        return Combinators.combine(shapes(0, 4, 4), Arbitraries.integers().between(-12, 3))
                .as((s, z) -> {
                    int[] out = s.clone();
                    if (z >= 0 && z < out.length) {
                        out[z] = 0; // an empty axis
                    }
                    return out;
                });
    }

    /**
     * {@link #edgeShapes()} of rank {@code minRank..maxRank}.
     *
     * @param minRank the smallest rank, 0 to 4
     * @param maxRank the largest rank, {@code minRank} to 4
     * @return the arbitrary
     */
    public static Arbitrary<int[]> edgeShapes(int minRank, int maxRank) {
        return edgeShapes().filter(s -> s.length >= minRank && s.length <= maxRank);
    }

    /**
     * Axes in [-6, 6]: for ranks 0 to 4, often out of range.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Integer> edgeAxes() {
        return Arbitraries.integers().between(-6, 6);
    }

    /**
     * Slice and narrow bounds: mostly small, sometimes the int extremes.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Integer> edgeBounds() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-6, 6),
                Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1));
    }

    // ---------------------------------------------------------------- values

    /**
     * Doubles in [lo, hi] with six decimals (jqwik's default of two would make ties common).
     *
     * @param lo the lower bound
     * @param hi the upper bound, at least {@code lo}
     * @return the arbitrary
     */
    public static Arbitrary<Double> values(double lo, double hi) {
        return Arbitraries.doubles().between(lo, hi).ofScale(6);
    }

    /**
     * Doubles in [lo, hi] at least {@code margin} away from each of {@code kinks} (for relu, abs, clamp...).
     *
     * @param lo     the lower bound
     * @param hi     the upper bound
     * @param margin the distance to keep from each kink, a few finite-difference steps at least
     * @param kinks  where the function is not smooth
     * @return the arbitrary
     */
    public static Arbitrary<Double> valuesAwayFrom(double lo, double hi, double margin, double... kinks) {
        return values(lo, hi).filter(x -> {
            for (double k : kinks) {
                if (Math.abs(x - k) < margin) {
                    return false;
                }
            }
            return true;
        });
    }

    // ---------------------------------------------------------------- tensors

    /**
     * Leaf tensors of the given shape with elements drawn from {@code element}.
     *
     * @param shape   the shape
     * @param element the generator of each element
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> tensors(int[] shape, Arbitrary<Double> element) {
        int n = size(shape);
        return element.list().ofSize(n).map(list -> Tensor.of(toArray(list), shape));
    }

    /**
     * Leaf tensors of the given shape with elements in [lo, hi].
     *
     * @param shape the shape
     * @param lo    the smallest element
     * @param hi    the largest element
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> tensors(int[] shape, double lo, double hi) {
        return tensors(shape, values(lo, hi));
    }

    /**
     * Leaf tensors of a random shape (rank 0 to 3) with elements drawn from {@code element}.
     *
     * @param element the generator of each element
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> tensors(Arbitrary<Double> element) {
        return shapes().flatMap(s -> tensors(s, element));
    }

    /**
     * Leaf tensors of a random shape (rank 0 to 3) with elements in [lo, hi].
     *
     * @param lo the smallest element
     * @param hi the largest element
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> tensors(double lo, double hi) {
        return tensors(values(lo, hi));
    }

    /**
     * Leaf tensors of the given shape whose elements are pairwise at least {@code gap} apart
     * (a shuffled ladder with jitter, spread over about [-n·gap·2, n·gap·2]): no near-ties,
     * so max/min reductions are differentiable at the point.
     *
     * @param shape the shape
     * @param gap   the smallest distance between two elements, positive
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> distinctTensors(int[] shape, double gap) {
        int n = size(shape);
        return Arbitraries.randomValue(rng -> {
            Random r = new Random(rng.nextLong());
            int[] ranks = permutation(r, n);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                // ladder step 2·gap, jitter below one gap: neighbours stay more than gap apart
                d[i] = (ranks[i] - n / 2.0) * 2 * gap + r.nextDouble() * 0.9 * gap;
            }
            return Tensor.of(d, shape);
        });
    }

    /**
     * Two leaf tensors of broadcast-compatible shapes (from {@link #broadcastPairs()}), elements of
     * each from its own generator.
     *
     * @param elementA the generator of the first operand's elements
     * @param elementB the generator of the second operand's elements
     * @return the arbitrary
     */
    public static Arbitrary<TensorPair> broadcastTensorPairs(Arbitrary<Double> elementA, Arbitrary<Double> elementB) {
        return broadcastPairs().flatMap(p -> Combinators.combine(tensors(p.a(), elementA), tensors(p.b(), elementB))
                .as(TensorPair::new));
    }

    /**
     * Two leaf tensors of broadcast-compatible shapes with elements in [lo, hi].
     *
     * @param lo the smallest element
     * @param hi the largest element
     * @return the arbitrary
     */
    public static Arbitrary<TensorPair> broadcastTensorPairs(double lo, double hi) {
        return broadcastTensorPairs(values(lo, hi), values(lo, hi));
    }

    // ---------------------------------------------------------------- axes

    /**
     * A random set of distinct axes of a rank-{@code rank} tensor, possibly empty, in random
     * order, each written either from the front (d) or from the end (d - rank).
     *
     * @param rank the tensor's rank, 0 to 30
     * @return the arbitrary
     */
    public static Arbitrary<int[]> axes(int rank) {
        if (rank == 0) {
            return Arbitraries.just(new int[0]);
        }
        int all = (1 << rank) - 1;
        // the empty set (a no-op reduction) about one time in ten, not half the time
        Arbitrary<Integer> subsets = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(9, uniform(1, all)));
        return Combinators.combine(subsets, uniform(0, all), Arbitraries.longs()).as((chosen, negative, seed) -> {
                    List<Integer> out = new ArrayList<>();
                    for (int d = 0; d < rank; d++) {
                        if ((chosen & (1 << d)) != 0) {
                            out.add((negative & (1 << d)) != 0 ? d - rank : d);
                        }
                    }
                    Collections.shuffle(out, new Random(seed));
                    return out.stream().mapToInt(Integer::intValue).toArray();
                }).withoutEdgeCases(); // inside a flatMap, jqwik's edge cases would make "no axes" half of all
    }

    /**
     * A single random axis of a tensor of rank &ge; 1, from the front or from the end.
     *
     * @param rank the tensor's rank, at least 1
     * @return the arbitrary
     */
    public static Arbitrary<Integer> axis(int rank) {
        return Arbitraries.integers().between(-rank, rank - 1);
    }

    /**
     * A tensor from {@code tensors} with random axes of it and a random keepDims.
     *
     * @param tensors the generator of the reduced tensor
     * @return the arbitrary
     */
    public static Arbitrary<Reduction> reductions(Arbitrary<Tensor> tensors) {
        return tensors.flatMap(t -> Combinators.combine(axes(t.dim()), Arbitraries.of(true, false))
                .as((ax, keep) -> new Reduction(t, ax, keep)));
    }

    /** NumPy's rule: trailing axes aligned, each pair equal or one of them 1 (pairs here always are). */
    private static int[] broadcast(int[] a, int[] b) {
        int[] out = new int[Math.max(a.length, b.length)];
        for (int i = 1; i <= out.length; i++) {
            int da = i <= a.length ? a[a.length - i] : 1;
            int db = i <= b.length ? b[b.length - i] : 1;
            out[out.length - i] = da == 1 ? db : da;
        }
        return out;
    }

    /** The number of elements of a test shape (small; a huge one fails loudly). */
    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static double[] toArray(List<Double> list) {
        double[] d = new double[list.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = list.get(i);
        }
        return d;
    }

    // ---------------------------------------------------------------- seeded draws

    // For properties that take a @ForAll long seed and draw what they need in order
    // (shapes that depend on each other, index lists, several operands): one Random, one seed.

    /**
     * A shape of rank in [minRank, maxRank] with dimensions in [1, maxDim], drawn from {@code rng}.
     *
     * @param rng     the source of randomness
     * @param minRank the smallest rank
     * @param maxRank the largest rank, at least {@code minRank}
     * @param maxDim  the largest dimension, at least 1
     * @return a new shape
     */
    public static int[] shape(Random rng, int minRank, int maxRank, int maxDim) {
        int[] s = new int[minRank + rng.nextInt(maxRank - minRank + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 + rng.nextInt(maxDim);
        }
        return s;
    }

    /**
     * A constant tensor of standard normal draws (GradCheck reads inputs for data and shape only).
     *
     * @param rng   the source of randomness
     * @param shape the shape
     * @return a constant tensor
     */
    public static Tensor gaussian(Random rng, int... shape) {
        double[] d = new double[size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Tensor.constant(d, shape);
    }

    /**
     * A leaf tensor (one that gets a gradient) of standard normal draws.
     *
     * @param rng   the source of randomness
     * @param shape the shape
     * @return a leaf tensor
     */
    public static Tensor gaussianLeaf(Random rng, int... shape) {
        return Tensor.of(gaussian(rng, shape).toArray(), shape);
    }

    /**
     * A uniformly random permutation of 0..n-1 (Fisher–Yates, the same draws as {@link Collections#shuffle}).
     *
     * @param rng the source of randomness
     * @param n   the number of elements
     * @return the permutation
     */
    public static int[] permutation(Random rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Axis {@code ax} of a rank-{@code rank} tensor, written from the end ({@code ax - rank}) half the time.
     *
     * @param rng  the source of randomness
     * @param ax   the axis, from the front
     * @param rank the tensor's rank
     * @return {@code ax} or {@code ax - rank}
     */
    public static int maybeNegative(Random rng, int ax, int rank) {
        return rng.nextBoolean() ? ax - rank : ax;
    }

    // ---------------------------------------------------------------- records

    /**
     * Two broadcast-compatible shapes and their broadcast.
     *
     * @param a         the first operand's shape
     * @param b         the second operand's shape
     * @param broadcast the shape of {@code a op b}
     */
    public record ShapePair(int[] a, int[] b, int[] broadcast) {
        /** @return the shapes as {@code [2, 1] with [3] -> [2, 3]} */
        @Override
        public String toString() {
            return Arrays.toString(a) + " with " + Arrays.toString(b) + " -> " + Arrays.toString(broadcast);
        }
    }

    /**
     * Two operands of broadcast-compatible shapes.
     *
     * @param a the first operand
     * @param b the second operand
     */
    public record TensorPair(Tensor a, Tensor b) {
    }

    /**
     * A reduction to test: the input, the axes (empty reduces nothing) and keepDims.
     *
     * @param input    the tensor reduced
     * @param axes     the axes, distinct, possibly negative
     * @param keepDims whether reduced axes stay as size 1
     */
    public record Reduction(Tensor input, int[] axes, boolean keepDims) {
        /** @return the input, the axes and keepDims, for jqwik's report */
        @Override
        public String toString() {
            return input + " over axes " + Arrays.toString(axes) + (keepDims ? " keepDims" : "");
        }
    }
}
