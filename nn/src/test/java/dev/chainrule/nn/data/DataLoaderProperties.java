package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever the sizes, a pass visits each sample at most once, in batches of the promised sizes. */
class DataLoaderProperties {
    @Property(tries = 60)
    void aPassIsAPartition(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 1, max = 12) int batch,
                           @ForAll boolean dropLast, @ForAll boolean shuffle, @ForAll long seed) {
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i, 2 * i};
            y[i] = i;
        }
        DataLoader loader = DataLoader.of(Dataset.of(x, y)).batchSize(batch).dropLast(dropLast);
        if (shuffle) {
            loader.shuffle(seed);
        }
        Set<Integer> seen = new HashSet<>();
        int batches = 0;
        for (Batch b : loader) {
            batches++;
            boolean last = batches == loader.numBatches();
            assertTrue(b.size() == batch || (last && !dropLast && b.size() == n % batch), "batch of " + b.size());
            double[] xs = b.x().toArray();
            for (int k = 0; k < b.size(); k++) {
                assertTrue(seen.add(b.labels()[k]), "sample " + b.labels()[k] + " twice");
                assertEquals(b.labels()[k], b.indices()[k]);
                assertArrayEquals(new double[] {b.labels()[k], 2 * b.labels()[k]}, new double[] {xs[2 * k], xs[2 * k + 1]});
            }
            assertEquals(1.0, b.oneHot(n).sum(1).toArray()[0]);
        }
        assertEquals(loader.numBatches(), batches);
        assertEquals(dropLast ? n / batch * batch : n, seen.size());
    }
}
