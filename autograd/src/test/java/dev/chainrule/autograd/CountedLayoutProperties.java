package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.gaussian;
import static dev.chainrule.testkit.TensorArbitraries.maybeNegative;
import static dev.chainrule.testkit.TensorArbitraries.shape;
import static dev.chainrule.autograd.TensorTesting.assertEachElement;
import static dev.chainrule.autograd.TensorTesting.at;
import static dev.chainrule.autograd.TensorTesting.checkGradients;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@code roll} and {@code repeatInterleave} without an axis (flattened, as PyTorch) and
 * {@code repeatInterleave} with per-element counts (an int[] or a tensor): the forward against
 * an element-by-element oracle, gradients to first and second order against central finite
 * differences, and the refusals.
 */
class CountedLayoutProperties {

    @Property(tries = 40)
    void rollWithoutAxisRollsTheFlattenedElements(@ForAll long seed, @ForAll @IntRange(min = -13, max = 13) int shift) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 0, 3, 4);
        Tensor x = gaussian(rng, s);
        Tensor y = x.roll(shift);
        assertArrayEquals(s, y.shape());
        double[] in = x.toArray(), out = y.toArray();
        for (int i = 0; i < in.length; i++) {
            assertTrue(out[Math.floorMod(i + shift, in.length)] == in[i], "element " + i);
        }
        checkGradients(t -> t.roll(shift), x);
    }

    @Property(tries = 40)
    void repeatInterleaveWithoutAxisFlattens(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int repeats) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 0, 3, 3);
        Tensor x = gaussian(rng, s);
        Tensor y = x.repeatInterleave(repeats);
        double[] in = x.toArray();
        assertArrayEquals(new int[] {in.length * repeats}, y.shape());
        double[] out = y.toArray();
        for (int k = 0; k < out.length; k++) {
            assertTrue(out[k] == in[k / repeats], "element " + k);
        }
        checkGradients(t -> t.repeatInterleave(repeats), x);
    }

    @Property(tries = 40)
    void repeatInterleaveWithCountsRepeatsEachElementItsOwnNumberOfTimes(@ForAll long seed,
                                                                        @ForAll boolean asTensor) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 1, 3, 3);
        int ax = rng.nextInt(s.length);
        int given = maybeNegative(rng, ax, s.length);
        int[] counts = rng.ints(s[ax], 0, 4).toArray();
        Tensor x = gaussian(rng, s);
        Tensor countTensor = Tensor.constant(Arrays.stream(counts).asDoubleStream().toArray(), counts.length);
        Tensor y = asTensor ? x.repeatInterleave(countTensor, given) : x.repeatInterleave(counts, given);
        int[] out = s.clone();
        out[ax] = Arrays.stream(counts).sum();
        assertArrayEquals(out, y.shape());
        int[] source = new int[out[ax]]; // the oracle: which element each output position copies
        for (int i = 0, k = 0; i < counts.length; i++) {
            for (int c = 0; c < counts[i]; c++) {
                source[k++] = i;
            }
        }
        assertEachElement(y, idx -> {
            int[] src = idx.clone();
            src[ax] = source[idx[ax]];
            return at(x, src);
        });
        checkGradients(t -> asTensor ? t.repeatInterleave(countTensor, given) : t.repeatInterleave(counts, given), x);
    }

    @Example
    void aSingleCountAppliesToEveryElement() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(x.repeatInterleave(2, 1).toArray(), x.repeatInterleave(new int[] {2}, 1).toArray());
        assertArrayEquals(x.repeatInterleave(2, 1).toArray(), x.repeatInterleave(Tensor.scalar(2), 1).toArray());
    }

    @Example
    void badCountsAreRefusedNamingTheOp() {
        Tensor x = Tensor.zeros(2, 3);
        refused(() -> x.repeatInterleave(new int[] {1, 2}, 1), "2 counts", "[2, 3]");
        refused(() -> x.repeatInterleave(new int[] {1, -1, 2}, 1), "-1", "negative");
        refused(() -> x.repeatInterleave(Tensor.of(new double[] {1, 0.5, 2}, 3), 1), "0.5", "count");
        refused(() -> x.repeatInterleave(Tensor.of(new double[] {1, Double.NaN, 2}, 3), 1), "NaN", "count");
        refused(() -> x.repeatInterleave(Tensor.zeros(3, 1), 1), "[3, 1]", "1-D");
        refused(() -> x.repeatInterleave(new int[] {1, 1}, 2), "axis", "2");
        refused(() -> x.repeatInterleave(-1), "-1", "negative");
        assertThrows(NullPointerException.class, () -> x.repeatInterleave((int[]) null, 0));
        assertThrows(NullPointerException.class, () -> x.repeatInterleave((Tensor) null, 0));
    }

    private static void refused(org.junit.jupiter.api.function.Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith("repeatInterleave"), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), e.getMessage() + " should mention " + m);
        }
    }
}
