package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 13: {@link Tensor#updateFloats} lends a float32 storage with the same rules as {@link Tensor#update}. */
class UpdateFloatsTest {

    private static Tensor leaf32(double... values) {
        return Tensor.of(values, values.length).to(DType.F32).toLeaf();
    }

    @Test
    void writesTheLiveStorageAndKeepsTheType() {
        Tensor w = leaf32(1, 2, 3);
        float[][] seen = new float[2][];
        w.updateFloats(a -> {
            seen[0] = a;
            a[1] = 0.1f;
        });
        w.updateFloats(a -> seen[1] = a);
        assertSame(seen[0], seen[1], "the same storage both times: nothing copied");
        assertEquals(DType.F32, w.dtype());
        assertArrayEquals(new double[] {1, 0.1f, 3}, w.toArray());
    }

    @Test
    void aWriteIsCountedSoAStaleGraphThrows() {
        Tensor w = leaf32(1, 2, 3);
        Tensor y = w.mul(w).sum();
        w.updateFloats(a -> a[0] = 100);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("changed in place"), e.getMessage());
    }

    @Test
    void aWriteThroughADetachedAliasIsCounted() {
        Tensor w = leaf32(1, 2, 3);
        Tensor y = w.mul(w).sum();
        w.detach().updateFloats(a -> a[0] = 100);
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void aWriterThatThrowsStillCountsTheWrite() {
        Tensor w = leaf32(1, 2, 3);
        Tensor y = w.mul(w).sum();
        assertThrows(ArithmeticException.class, () -> w.updateFloats(a -> {
            a[0] = 7;
            throw new ArithmeticException("halfway");
        }));
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void refusesFloat64NamingTheAlternative() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.updateFloats(a -> { }));
        assertTrue(e.getMessage().contains("updateFloats") && e.getMessage().contains("float64")
                && e.getMessage().contains("update("), e.getMessage());
    }

    @Test
    void refusesComputedTensorsAndTheirDetachedStorage() {
        Tensor w = leaf32(1, 2, 3);
        Tensor y = w.mul(w);
        assertThrows(IllegalStateException.class, () -> y.updateFloats(a -> a[0] = 0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.detach().updateFloats(a -> a[0] = 0));
        assertTrue(e.getMessage().contains("updateFloats"), e.getMessage());
        assertArrayEquals(new double[] {1, 4, 9}, y.toArray());
    }

    @Test
    void refusesANullWriter() {
        Tensor w = leaf32(1);
        assertThrows(NullPointerException.class, () -> w.updateFloats(null));
    }
}
