package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Tensor#toString()} (PyTorch's layout) and the nested-array {@code Tensor.of} factories. */
class TensorPrintingTest {

    @Test
    void matrixIsNestedWithOneColumnWidthAndTheLeafMarked() {
        Tensor t = Tensor.of(new double[][] {{1.5, -2}, {0.25, 4}});
        assertEquals("Tensor([[ 1.5000, -2.0000],\n"
                + "        [ 0.2500,  4.0000]], shape=[2, 2], requiresGrad)", t.toString());
    }

    @Test
    void integersPrintAsPyTorchDoesAndComputedTensorsNameTheirOp() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}, 3);
        assertEquals("Tensor([2., 4., 6.], shape=[3], op=add)", a.add(a).toString());
        assertEquals("Tensor([1., 2., 3.], shape=[3])", Tensor.constant(new double[] {1, 2, 3}, 3).toString());
        assertEquals("Tensor(2.5000)", Tensor.scalar(2.5).toString());
        assertEquals("Tensor([], shape=[0, 3])", Tensor.zeros(0, 3).toString());
    }

    @Test
    void wideRangesSwitchToScientificAndNonFiniteNumbersAreNamed() {
        Tensor t = Tensor.constant(new double[] {1e-6, 1, Double.NaN, Double.NEGATIVE_INFINITY}, 4);
        assertEquals("Tensor([1.0000e-06, 1.0000e+00,        nan,       -inf], shape=[4])", t.toString());
    }

    @Test
    void threeAxesSeparateMatricesByABlankLine() {
        Tensor t = Tensor.of(new double[][][] {{{1, 2}}, {{3, 4}}});
        assertArrayEquals(new int[] {2, 1, 2}, t.shape());
        assertEquals("Tensor([[[1., 2.]],\n\n"
                + "        [[3., 4.]]], shape=[2, 1, 2], requiresGrad)", t.toString());
    }

    @Test
    void largeTensorsShowTheirEdgesAroundEllipses() {
        Tensor t = Tensor.arange(2000).reshape(40, 50);
        String s = t.toString();
        String[] lines = s.split("\n");
        assertEquals(7, lines.length, s); // 3 rows, "...", 3 rows
        assertEquals("Tensor([[   0.,    1.,    2.,  ...,   47.,   48.,   49.],", lines[0]);
        assertEquals("        ...,", lines[3]);
        assertEquals("        [1950., 1951., 1952.,  ..., 1997., 1998., 1999.]], shape=[40, 50])", lines[6]);
        // a long vector: 6 numbers and the ellipsis
        assertEquals("Tensor([   0.,    1.,    2.,  ..., 1997., 1998., 1999.], shape=[2000])",
                Tensor.arange(2000).toString());
    }

    @Test
    void nestedFactoriesCopyAndRefuseRaggedArrays() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Tensor t = Tensor.of(rows);
        rows[0][0] = 99;
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toArray());
        assertTrue(t.requiresGrad());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[][] {{1, 2}, {3}}));
        assertEquals("Tensor.of: ragged array: [1] has length 1 but [0] has 2; a tensor needs every row of one length",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][][] {{{1, 2}}, {{3}}}));
        assertTrue(e.getMessage().contains("[1][0] has length 1 but [0][0] has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][][] {{{1}}, {{2}, {3}}}));
        assertTrue(e.getMessage().contains("[1] has length 2 but [0] has 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1}, null}));
        assertTrue(e.getMessage().contains("row [1] is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[0][]));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
    }
}
