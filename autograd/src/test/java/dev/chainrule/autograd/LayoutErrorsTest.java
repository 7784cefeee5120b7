package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every bad input to a layout op or einsum gives an IllegalArgumentException naming the op,
 * the shapes or values involved and what was expected (null arguments a NullPointerException
 * naming the op).
 */
class LayoutErrorsTest {
    private static final Tensor M23 = Tensor.of(new double[6], 2, 3);
    private static final Tensor M33 = Tensor.of(new double[9], 3, 3);
    private static final Tensor V3 = Tensor.of(new double[3], 3);

    private static void assertMessage(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    private static void assertNull(Executable call, String op) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertTrue(e.getMessage().startsWith(op + ":"), e.getMessage());
    }

    @Test
    void axesOutOfRange() {
        assertMessage(() -> M23.flip(2), "flip: axis 2 is out of range", "expected -2 to 1");
        assertMessage(() -> M23.flip(0, -2), "flip: axes [0, -2] name axis 0 twice", "[2, 3]", "at most once");
        assertMessage(() -> M23.roll(1, -3), "roll: axis -3 is out of range");
        assertMessage(() -> Tensor.scalar(1).roll(1, 0), "roll:", "0-dimensional tensor has no axes");
        assertMessage(() -> M23.repeatInterleave(2, 2), "repeatInterleave: axis 2");
        assertMessage(() -> M23.split(1, 5), "split: axis 5");
        assertMessage(() -> M23.chunk(1, -5), "chunk: axis -5");
        assertMessage(() -> M23.slice(2, 0, 1, 2), "slice: axis 2");
        assertNull(() -> M23.flip((int[]) null), "flip");
    }

    @Test
    void badPadWidths() {
        assertMessage(() -> M23.pad(new int[][] {{1, 1}}, 0), "pad: 1 width pairs", "[2, 3]", "one {before, after} pair per axis (2)");
        assertMessage(() -> M23.pad(new int[][] {{1, 1}, {2}}, 0), "pad: widths[1] is [2]", "expected a {before, after} pair");
        assertMessage(() -> M23.pad(new int[][] {{1, 1}, null}, 0), "pad: widths[1] is null");
        assertMessage(() -> M23.pad(new int[][] {{0, -1}, {0, 0}}, 0), "pad: widths[0] = [0, -1]", "[2, 3]", "negative",
                "expected widths >= 0");
        assertMessage(() -> M23.pad(new int[][] {{0, 0}, {Integer.MAX_VALUE, 1}}, 0), "pad: widths[1]", "longer than a dimension can hold");
        assertNull(() -> M23.pad(null, 0), "pad");
    }

    @Test
    void badCounts() {
        assertMessage(() -> M23.repeat(2), "repeat: [2] gives 1 repetitions", "[2, 3]", "at least one per axis (2)");
        assertMessage(() -> M23.repeat(1, -1), "repeat: [1, -1] has a negative repetition -1", "expected counts >= 0");
        assertMessage(() -> M23.repeat(1, Integer.MAX_VALUE), "repeat:", "more than a dimension can hold");
        assertMessage(() -> M23.repeatInterleave(-1, 0), "repeatInterleave: repeats -1", "[2, 3]", "expected a count >= 0");
        assertMessage(() -> M23.split(0, 1), "split: size 0 for axis 1 of length 3", "[2, 3]", "expected a positive size");
        assertMessage(() -> M23.split(-2, 1), "split: size -2");
        assertMessage(() -> M23.chunk(0, 0), "chunk: 0 chunks of axis 0", "[2, 3]", "expected a positive number");
        assertMessage(() -> M23.slice(1, 0, 3, 0), "slice: step 0 for axis 1", "[2, 3]", "expected a nonzero step");
    }

    @Test
    void trianglesDiagonalsAndMasks() {
        assertMessage(() -> V3.tril(0), "tril: expected matrices [..., m, n]", "[3]");
        assertMessage(() -> Tensor.scalar(1).triu(0), "triu: expected matrices", "[]");
        assertMessage(() -> M23.diagonal(), "diagonal: expected square matrices", "[2, 3]");
        assertMessage(() -> V3.trace(), "diagonal: expected square matrices", "[3]");
        assertMessage(() -> V3.maskedFill(Tensor.zeros(2), 0), "maskedFill: mask of shape [2]", "tensor's shape [3]");
        assertMessage(() -> V3.maskedFill(Tensor.zeros(2, 3), 0), "maskedFill: mask of shape [2, 3]", "no more dimensions");
        assertNull(() -> V3.maskedFill(null, 0), "maskedFill");
    }

    @Test
    void badEinsumSpecs() {
        assertMessage(() -> Tensor.einsum("ij,jk->ik", M23), "einsum: 'ij,jk->ik' has 2 operand terms but 1 operand was given ([2, 3])");
        assertMessage(() -> Tensor.einsum("ij", M23, M33), "has 1 operand term but 2 operands were given ([2, 3], [3, 3])");
        assertMessage(() -> Tensor.einsum("i1", M23), "einsum: 'i1': operand 0 term 'i1' has '1' at position 1",
                "expected letters a-z, A-Z and at most one '...'");
        assertMessage(() -> Tensor.einsum("i..j", M23), "has '..j' at position 1");
        assertMessage(() -> Tensor.einsum("...i...", M23), "has '...' at position 4");
        assertMessage(() -> Tensor.einsum("ij->i-", M23), "output term 'i-' has '-'");
        assertMessage(() -> Tensor.einsum("i->i->i", V3), "more than one '->'");
        assertMessage(() -> Tensor.einsum("ijk", M23), "term 'ijk' of operand 0 has 3 subscripts but the operand has shape [2, 3]",
                "expected one subscript per dimension");
        assertMessage(() -> Tensor.einsum("ijk...", M23), "has 3 subscripts", "expected at most 2");
        assertMessage(() -> Tensor.einsum("ij,jk", M23, M23),
                "subscript 'j' has size 3 in operand 0 of shape [2, 3] but 2 in operand 1 of shape [2, 3]", "expected equal sizes");
        assertMessage(() -> Tensor.einsum("...i,...i", Tensor.zeros(2, 3), Tensor.zeros(4, 3)),
                "'...' dimension 0 has size 2 in operand 0 of shape [2, 3] but 4 in operand 1");
        assertMessage(() -> Tensor.einsum("ii", M23), "subscript 'i' is repeated in operand 0 of shape [2, 3] with sizes 2 and 3");
        assertMessage(() -> Tensor.einsum("ij->k", M23), "output subscript 'k' does not appear in any operand");
        assertMessage(() -> Tensor.einsum("ij->ii", M33), "output subscript 'i' appears more than once");
        assertNull(() -> Tensor.einsum(null, M23), "einsum");
        assertNull(() -> Tensor.einsum("i,i", V3, null), "einsum");
    }

    @Test
    void edgeCasesThatAreNotErrors() {
        assertEquals(3, Tensor.zeros(0, 2).chunk(3, 0).size(), "torch gives n empty chunks of an empty axis");
        assertEquals(1, Tensor.zeros(0).split(0, 0).size());
        assertEquals(0, Tensor.zeros(3).repeat(0).size());
        assertEquals(0, Tensor.zeros(3).slice(0, 2, 0, 1).size());
        assertEquals(2.0, Tensor.einsum("", Tensor.scalar(2)).item());
        assertEquals(6.0, Tensor.einsum("i,i", Tensor.ones(3), Tensor.full(2, 1)).item(), "a size-1 subscript broadcasts, as torch");
        double inf = Double.POSITIVE_INFINITY;
        Tensor m = Tensor.constant(new double[] {1, inf, inf, 2}, 2, 2);
        assertEquals(3.0, m.trace().item(), "no inf * 0 off the diagonal");
        assertEquals(0.0, m.tril(0).toArray()[1]);
    }
}
