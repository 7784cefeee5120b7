package dev.chainrule.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shipped and generated data sets. */
class DatasetsTest {
    @Test
    void digitsAreTheFullUciTestSetScaledToOne() {
        Dataset d = Datasets.digits();
        assertEquals(1797, d.size());
        assertEquals(64, d.features());
        assertEquals(10, d.classes().size());
        double max = 0;
        for (double[] row : d.x()) {
            for (double v : row) {
                assertTrue(v >= 0 && v <= 1);
                max = Math.max(max, v);
            }
        }
        assertEquals(1.0, max);
        for (int c : d.classCounts()) {
            assertTrue(c > 170 && c < 190, "about 180 of each digit");
        }
    }

    @Test
    void irisHasThreeBalancedSpecies() {
        Dataset d = Datasets.iris();
        assertEquals(150, d.size());
        assertEquals(4, d.features());
        assertEquals(java.util.List.of("setosa", "versicolor", "virginica"), d.classes());
        assertArrayEquals(new int[] {50, 50, 50}, d.classCounts());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, d.x()[0]);
    }

    @Test
    void moonsAreDeterministicPerSeedAndBalanced() {
        Dataset a = Datasets.moons(101, 0.1, 7), b = Datasets.moons(101, 0.1, 7), c = Datasets.moons(101, 0.1, 8);
        assertArrayEquals(a.y(), b.y());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.x()[i], b.x()[i]);
        }
        assertTrue(!java.util.Arrays.deepEquals(a.x(), c.x()));
        assertArrayEquals(new int[] {50, 51}, a.classCounts());
        // without noise every point lies on its half circle
        Dataset clean = Datasets.moons(40, 0, 1);
        for (int i = 0; i < clean.size(); i++) {
            double[] p = clean.x()[i];
            double r = clean.y()[i] == 0 ? Math.hypot(p[0], p[1]) : Math.hypot(p[0] - 1, p[1] - 0.5);
            assertEquals(1, r, 1e-12);
        }
    }

    @Test
    void stratifiedSplitKeepsClassShares() {
        Dataset d = Datasets.digits();
        Dataset.Split s = d.split(0.2, 3);
        assertEquals(d.size(), s.train().size() + s.test().size());
        int[] all = d.classCounts(), test = s.test().classCounts();
        for (int c = 0; c < all.length; c++) {
            assertEquals(Math.round(all[c] * 0.2), test[c]);
        }
        assertArrayEquals(s.test().y(), d.split(0.2, 3).test().y());
        assertThrows(IllegalArgumentException.class, () -> d.split(1.0, 3));
    }

    @Test
    void xorIsTheFourCorners() {
        Dataset d = Datasets.xor();
        assertArrayEquals(new int[] {0, 1, 1, 0}, d.y());
    }
}
