package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The written-out arithmetic broadcast loops give bit for bit what the general per-element
 * loop gives, for every op and every pattern of broadcast axes (each axis of each operand
 * kept or broadcast at random), and the contiguous/fully-reduced sumInto rows and the
 * copy/fill rows of expand likewise.
 */
class BroadcastArithProperties {

    @Property(tries = 60)
    void arithEqualsTheGeneralLoop(@ForAll @IntRange(min = 0, max = 3) int rank, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] shape = new int[rank], shapeA = new int[rank], shapeB = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = 1 + rng.nextInt(5);
            shapeA[d] = rng.nextInt(3) == 0 ? 1 : shape[d];
            shapeB[d] = rng.nextInt(3) == 0 ? 1 : shape[d];
        }
        double[] a = random(rng, size(shapeA)), b = random(rng, size(shapeB));
        int[] sa = strides(shapeA, shape), sb = strides(shapeB, shape);
        double[] expanded = new double[size(shape)], copied = new double[size(shape)];
        Broadcast.expand(a, sa, shape, expanded);
        Broadcast.binary(a, sa, a, sa, shape, copied, (x, y) -> x);
        assertArrayEquals(copied, expanded, 0.0, "expand " + java.util.Arrays.toString(shapeA));
        for (Broadcast.Arith op : Broadcast.Arith.values()) {
            double[] general = new double[size(shape)], fast = new double[size(shape)];
            Broadcast.binary(a, sa, b, sb, shape, general, (x, y) -> op == Broadcast.Arith.ADD ? x + y
                    : op == Broadcast.Arith.SUB ? x - y : op == Broadcast.Arith.MUL ? x * y : x / y);
            Broadcast.arith(op, a, sa, b, sb, shape, fast);
            assertArrayEquals(general, fast, 0.0, op + " " + java.util.Arrays.toString(shapeA) + " with "
                    + java.util.Arrays.toString(shapeB));
            // sumInto is expand's inverse: summing the result back to a's shape, both ways, agrees
            double[] back = new double[size(shapeA)], naive = new double[size(shapeA)];
            Broadcast.sumInto(fast, shape, back, sa);
            int[] idx = new int[rank];
            for (int k = 0; k < fast.length; k++) {
                int p = 0;
                for (int d = 0, rem = k; d < rank; d++) {
                    int stride = size(java.util.Arrays.copyOfRange(shape, d + 1, rank));
                    idx[d] = rem / stride;
                    rem %= stride;
                    p += idx[d] * sa[d];
                }
                naive[p] += fast[k];
            }
            assertArrayEquals(naive, back, 0.0, "sumInto " + op);
        }
    }

    private static int size(int[] shape) {
        int s = 1;
        for (int v : shape) {
            s *= v;
        }
        return s;
    }

    /** Row-major strides of {@code of} read in {@code shape}: 0 along broadcast axes. */
    private static int[] strides(int[] of, int[] shape) {
        int[] s = new int[shape.length];
        int step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = of[d] == 1 && shape[d] != 1 ? 0 : step;
            step *= of[d];
        }
        return s;
    }

    private static double[] random(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-3, 3);
        }
        return v;
    }
}
