package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad input to a shape, indexing or matmul op gives a clear exception naming the op and shapes. */
class ShapeErrorsTest {
    private static final Tensor M34 = Tensor.of(new double[12], 3, 4);
    private static final Tensor M52 = Tensor.of(new double[10], 5, 2);

    private static void assertMessage(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void matmulNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> M34.matmul(M52));
        assertEquals("matmul: [3, 4] @ [5, 2]: inner dimensions 4 and 5 differ", e.getMessage());
        assertMessage(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)), "matmul: [3] @ [4]", "inner dimensions 3 and 4");
        assertMessage(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(2)), "matmul: [2, 3] @ [2]");
        assertMessage(() -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(5, 4, 2)),
                "matmul: [2, 3, 4] @ [5, 4, 2]", "batch dimensions [2] and [5] cannot be broadcast");
        assertMessage(() -> Tensor.scalar(2).matmul(M34), "matmul: [] @ [3, 4]", "at least 1 dimension");
        assertThrows(NullPointerException.class, () -> M34.matmul(null));
    }

    @Test
    void reshapeAndView() {
        assertMessage(() -> M34.reshape(5, 2), "reshape", "[3, 4]", "[5, 2]", "element count");
        assertMessage(() -> M34.view(5, -1), "view", "[5, -1]", "cannot be inferred");
        assertMessage(() -> M34.reshape(-1, -1), "reshape", "more than one -1");
        assertMessage(() -> M34.reshape(-2, 6), "reshape", "negative dimension -2");
        assertMessage(() -> Tensor.zeros(0, 3).reshape(-1, 0), "reshape", "cannot be inferred");
    }

    @Test
    void axesOutOfRange() {
        assertMessage(() -> M34.transpose(0, 2), "transpose", "axis 2", "2 dimensions");
        assertMessage(() -> M34.transpose(-3, 0), "transpose", "axis -3");
        assertMessage(() -> M34.unsqueeze(3), "unsqueeze", "axis 3");
        assertMessage(() -> M34.slice(2, 0, 1), "slice", "axis 2");
        assertMessage(() -> M34.squeeze(0), "squeeze", "axis 0", "[3, 4]", "length 3");
        assertMessage(() -> M34.permute(0, 0), "permute", "[0, 0]", "repeats axis 0");
        assertMessage(() -> M34.permute(0), "permute", "[0]", "has 1 axes", "[3, 4]");
        assertMessage(() -> M34.permute(0, 2), "permute", "axis 2");
        assertMessage(() -> Tensor.zeros(2, 2, 2).T(), "T:", "[2, 2, 2]");
        assertMessage(() -> M34.indexSelect(5, 0), "indexSelect", "axis 5");
        assertMessage(() -> M34.gather(2, Tensor.zeros(3, 4)), "gather", "axis 2");
    }

    @Test
    void narrowOutsideTheAxis() {
        assertMessage(() -> M34.narrow(1, 2, 3), "narrow", "start 2", "length 3", "length 4", "[3, 4]");
        assertMessage(() -> M34.narrow(1, -5, 1), "narrow", "start -5");
        assertMessage(() -> M34.narrow(1, 0, -1), "narrow", "length -1");
    }

    @Test
    void concatAndStack() {
        assertMessage(() -> Tensor.concat(0, M34, M52), "concat", "tensor 1", "[5, 2]", "[3, 4]");
        assertMessage(() -> Tensor.concat(0, M34, Tensor.zeros(12)), "concat", "[12]");
        assertMessage(() -> Tensor.concat(0, List.of()), "concat", "at least one tensor");
        assertMessage(() -> Tensor.concat(0, Tensor.scalar(1), Tensor.scalar(2)), "concat", "0-dimensional");
        assertMessage(() -> Tensor.stack(0, M34, M52), "stack", "tensor 1", "[5, 2]", "equal shapes");
        assertMessage(() -> Tensor.stack(3, M34), "stack", "axis 3");
        assertMessage(() -> Tensor.stack(0), "stack", "at least one tensor");
        assertThrows(NullPointerException.class, () -> Tensor.concat(0, M34, null));
    }

    @Test
    void gatherIndices() {
        assertMessage(() -> M34.gather(1, Tensor.constant(new double[] {0, 4, 1}, 3, 1)),
                "gather", "index entry 1 is 4", "out of range", "axis 1 of shape [3, 4]", "0 to 3");
        assertMessage(() -> M34.gather(1, Tensor.constant(new double[] {-1}, 1, 1)), "gather", "is -1");
        assertMessage(() -> M34.gather(0, Tensor.constant(new double[] {0.5}, 1, 1)), "gather", "0.5", "whole numbers");
        assertMessage(() -> M34.gather(0, Tensor.constant(new double[] {Double.NaN}, 1, 1)), "gather", "NaN");
        assertMessage(() -> M34.gather(0, Tensor.zeros(3)), "gather", "[3]", "same number of dimensions", "[3, 4]");
        assertMessage(() -> M34.gather(0, Tensor.zeros(2, 5)), "gather", "[2, 5]", "larger", "dimension 1");
    }

    @Test
    void indexSelectAndOneHot() {
        assertMessage(() -> M34.indexSelect(0, 0, 3), "indexSelect", "index 3", "position 1", "length 3", "0 to 2");
        assertMessage(() -> M34.indexSelect(1, -1), "indexSelect", "index -1");
        assertMessage(() -> Tensor.oneHot(new int[] {0, 3}, 3), "oneHot", "label 3", "position 1", "3 classes");
        assertMessage(() -> Tensor.oneHot(new int[] {-1}, 3), "oneHot", "label -1");
        assertMessage(() -> Tensor.oneHot(new int[] {0}, 0), "oneHot", "numClasses", "0");
    }

    @Test
    void emptyResultsAreFineAndCarryNoData() {
        Tensor e = M34.slice(0, 2, 1);
        assertEquals(List.of(0, 4), List.of(e.shape()[0], e.shape()[1]));
        assertEquals(0, e.size());
        Tensor z = Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 3));
        assertEquals(6, z.size());
        for (double d : z.toArray()) {
            assertEquals(0.0, d);
        }
        assertEquals(0, Tensor.zeros(0, 3).matmul(Tensor.zeros(3, 2)).size());
    }
}
