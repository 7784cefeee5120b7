package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bounds, spreads and reproducibility of the initialisers. */
class InitTest {
    static double[] draw(Init init, int fanIn, int fanOut, long seed) {
        double[] w = new double[20_000];
        init.fill(w, fanIn, fanOut, new SplittableRandom(seed));
        return w;
    }

    static double std(double[] w) {
        double mean = Arrays.stream(w).average().orElseThrow();
        return Math.sqrt(Arrays.stream(w).map(x -> (x - mean) * (x - mean)).sum() / w.length);
    }

    static double maxAbs(double[] w) {
        return Arrays.stream(w).map(Math::abs).max().orElseThrow();
    }

    @Test
    void sameSeedSameBitsDifferentSeedDifferentBits() {
        for (Init init : new Init[] {Init.XAVIER_UNIFORM, Init.XAVIER_NORMAL, Init.HE_UNIFORM, Init.HE_NORMAL,
                Init.SMALL_UNIFORM}) {
            assertArrayEquals(draw(init, 30, 20, 5), draw(init, 30, 20, 5));
            assertFalse(Arrays.equals(draw(init, 30, 20, 5), draw(init, 30, 20, 6)));
        }
    }

    @Test
    void uniformBoundsAndSpreads() {
        double a = Math.sqrt(6.0 / 50);
        double[] x = draw(Init.XAVIER_UNIFORM, 30, 20, 1);
        assertTrue(maxAbs(x) <= a);
        assertEquals(a / Math.sqrt(3), std(x), 0.03 * a);       // U(−a, a) has σ = a/√3
        double h = Math.sqrt(2) * Math.sqrt(3.0 / 30);
        double[] he = draw(Init.HE_UNIFORM, 30, 20, 1);
        assertTrue(maxAbs(he) <= h);
        assertEquals(h / Math.sqrt(3), std(he), 0.03 * h);
        double[] s = draw(Init.SMALL_UNIFORM, 30, 20, 1);
        assertTrue(maxAbs(s) <= 0.05 && maxAbs(s) > 0.049);
    }

    @Test
    void normalSpreads() {
        assertEquals(Math.sqrt(2.0 / 50), std(draw(Init.XAVIER_NORMAL, 30, 20, 2)), 0.03 * Math.sqrt(2.0 / 50));
        assertEquals(Math.sqrt(2.0 / 30), std(draw(Init.HE_NORMAL, 30, 20, 2)), 0.03 * Math.sqrt(2.0 / 30));
    }

    @Test
    void zerosAndBadArguments() {
        double[] w = {1, 2};
        Init.ZEROS.fill(w, 1, 1, new SplittableRandom(0));
        assertArrayEquals(new double[2], w);
        assertThrows(IllegalArgumentException.class, () -> Init.HE.fill(new double[2], 0, 1, new SplittableRandom(0)));
        assertThrows(IllegalArgumentException.class, () -> Init.smallUniform(-1));
    }
}
