package dev.chainrule.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.data.Dataset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped and generated data sets. */
class DatasetsTest {
    private static int[] counts(Dataset d) {
        int[] c = new int[d.numClasses()];
        for (int label : d.labels()) {
            c[label]++;
        }
        return c;
    }

    @Test
    void digitsAreTheFullUciTestSetScaledToOne() {
        Dataset d = Datasets.digits();
        assertEquals(1797, d.size());
        assertEquals(64, d.featureCount());
        assertEquals(10, d.numClasses());
        double max = 0;
        for (double[] row : d.rows()) {
            for (double v : row) {
                assertTrue(v >= 0 && v <= 1);
                max = Math.max(max, v);
            }
        }
        assertEquals(1.0, max);
        for (int c : counts(d)) {
            assertTrue(c > 170 && c < 190, "about 180 of each digit");
        }
    }

    @Test
    void irisHasThreeBalancedSpecies() {
        Dataset d = Datasets.iris();
        assertEquals(150, d.size());
        assertEquals(4, d.featureCount());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[] {50, 50, 50}, counts(d));
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, d.features(0));
    }

    @Test
    void moonsAreDeterministicPerSeedAndBalanced() {
        Dataset a = Datasets.moons(101, 0.1, 7), b = Datasets.moons(101, 0.1, 7), c = Datasets.moons(101, 0.1, 8);
        assertArrayEquals(a.labels(), b.labels());
        assertTrue(Arrays.deepEquals(a.rows(), b.rows()));
        assertFalse(Arrays.deepEquals(a.rows(), c.rows()));
        assertArrayEquals(new int[] {50, 51}, counts(a));
        // without noise every point lies on its half circle
        Dataset clean = Datasets.moons(40, 0, 1);
        for (int i = 0; i < clean.size(); i++) {
            double[] p = clean.features(i);
            double r = clean.label(i) == 0 ? Math.hypot(p[0], p[1]) : Math.hypot(p[0] - 1, p[1] - 0.5);
            assertEquals(1, r, 1e-12);
        }
    }

    @Test
    void xorIsTheFourCorners() {
        Dataset d = Datasets.xor();
        assertArrayEquals(new int[] {0, 1, 1, 0}, d.labels());
        assertArrayEquals(new double[] {1, 0}, d.features(2));
    }
}
