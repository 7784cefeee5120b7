package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset, DataLoader, split, standardisation and CSV loading on the real iris and digits files. */
class DataTest {
    @TempDir
    Path tmp;

    static Path resource(String name) {
        try {
            return Path.of(DataTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loadsIrisWithHeader() {
        Dataset iris = Csv.load(resource("iris.csv"));
        assertEquals(150, iris.size());
        assertEquals(4, iris.featureCount());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, iris.features(0));
        assertEquals(0, iris.label(0));
        assertEquals(2, iris.label(149));
        assertEquals(3, iris.numClasses());
    }

    @Test
    void loadsGzippedDigitsWithoutHeader() {
        Dataset digits = Csv.load(resource("digits.csv.gz"));
        assertEquals(1797, digits.size());
        assertEquals(64, digits.featureCount());
        assertEquals(10, digits.numClasses());
        assertEquals(0, digits.label(0));
        assertEquals(5.0, digits.features(0)[2]);
    }

    @Test
    void csvErrorsNameFileAndLine() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "3,2,a,b\n1,2,0\n1,x,1\n");
        assertMessage(() -> Csv.load(bad), "line 3", "'x'");
        Files.writeString(bad, "3,2,a,b\n1,2,0\n1,2,1\n");
        assertMessage(() -> Csv.load(bad), "2 samples", "says 3");
        Files.writeString(bad, "2,2,a,b\n1,2,0\n1,2\n");
        assertMessage(() -> Csv.load(bad), "line 3", "2 columns");
        Files.writeString(bad, "1,2,0.5\n");
        assertMessage(() -> Csv.load(bad), "label '0.5'");
        Files.writeString(bad, "1,2,a,b\n1,2,5\n");
        assertMessage(() -> Csv.load(bad), "label 5", "2 classes");
        Path gz = tmp.resolve("cut.csv.gz");
        byte[] whole = Files.readAllBytes(resource("digits.csv.gz"));
        Files.write(gz, Arrays.copyOf(whole, whole.length / 2));
        assertMessage(() -> Csv.load(gz), "cut.csv.gz");
    }

    @Test
    void csvLabelsAreBoundedAndCellsFinite() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "1,2,2147483647\n");
        assertMessage(() -> Csv.load(bad), "label '2147483647'", "0 to " + Csv.MAX_LABEL);
        Files.writeString(bad, "1,2," + Csv.MAX_LABEL + "\n");
        assertEquals(Csv.MAX_LABEL + 1, Csv.load(bad).numClasses());
        Files.writeString(bad, "1,NaN,0\n2,3,1\n");
        assertMessage(() -> Csv.load(bad), "line 1 column 2", "'NaN'", "not finite", "allowNonFinite");
        Dataset gaps = Csv.reader().allowNonFinite(true).read(bad);
        assertTrue(Double.isNaN(gaps.features(0)[1]));
        Files.writeString(bad, "1,-Infinity,0\n");
        assertMessage(() -> Csv.load(bad), "'-Infinity'", "not finite");
        Files.writeString(bad, "1,NaN,NaN\n");
        assertMessage(() -> Csv.reader().allowNonFinite(true).read(bad), "column 3", "'NaN'");
        for (String java : new String[] {"1d", "2f", "0x1p3"}) {
            Files.writeString(bad, "1," + java + ",0\n");
            assertMessage(() -> Csv.load(bad), "'" + java + "'", "not a decimal number");
        }
    }

    @Test
    void csvSkipsAByteOrderMarkAndShowsInvisibleCharacters() throws Exception {
        Path bom = tmp.resolve("bom.csv");
        Files.writeString(bom, "\uFEFF2,2,a,b\n1,2,0\n3,4,1\n");
        Dataset d = Csv.load(bom);
        assertEquals(List.of("a", "b"), d.classNames());
        assertArrayEquals(new double[] {3, 4}, d.features(1));
        Files.writeString(bom, "\uFEFF1,2,0\n");
        assertArrayEquals(new double[] {1, 2}, Csv.load(bom).features(0));
        Files.writeString(bom, "1,2\u200B,0\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.load(bom));
        assertTrue(e.getMessage().contains("'2\\u200B'"), e.getMessage());
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
    }

    @Test
    void datasetLabelsLeaveRoomForTheClassCount() {
        assertMessage(() -> Dataset.of(new double[][] {{1}}, new int[] {Integer.MAX_VALUE}), "label 0 is 2147483647");
    }

    @Test
    void standardizerSurvivesColumnsNearTheLargestDouble() {
        double big = 1e308;
        Dataset d = Dataset.of(new double[][] {{big, 1e9 + 1}, {1.5 * big, 1e9 + 2}, {-big, 1e9 + 3}}, new int[] {0, 1, 0});
        Standardizer z = Standardizer.fit(d);
        assertEquals(0.5 * big, z.mean()[0], 1e-15 * big);
        double var = (0.25 + 1 + 2.25) / 3; // deviations 0.5, 1, -1.5 (in units of 1e308)
        assertEquals(Math.sqrt(var) * big, z.std()[0], 1e-14 * big);
        assertEquals(1e9 + 2, z.mean()[1], 0);
        assertEquals(Math.sqrt(2.0 / 3), z.std()[1], 1e-9);
        Dataset s = z.apply(d);
        for (int i = 0; i < 3; i++) {
            double[] f = s.features(i);
            assertTrue(Double.isFinite(f[0]) && Double.isFinite(f[1]), Arrays.toString(f));
        }
        assertEquals(-1.5 / Math.sqrt(var), s.features(2)[0], 1e-14);
        Dataset far = z.apply(Dataset.of(new double[][] {{-Double.MAX_VALUE, 0}}, new int[] {0}));
        assertEquals((-Double.MAX_VALUE / big - 0.5) / Math.sqrt(var), far.features(0)[0], 1e-13);
    }

    static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention " + p);
        }
    }

    @Test
    void splitIsADisjointSeededPartition() {
        Dataset iris = Csv.load(resource("iris.csv"));
        Dataset.Split a = iris.split(0.2, 1);
        Dataset.Split b = iris.split(0.2, 1);
        assertEquals(30, a.test().size());
        assertEquals(120, a.train().size());
        assertArrayEquals(a.test().rows()[0], b.test().rows()[0]);
        assertNotEquals(Arrays.toString(a.test().labels()), Arrays.toString(iris.split(0.2, 2).test().labels()));
        Set<String> rows = new HashSet<>();
        for (double[] r : a.train().rows()) {
            rows.add(Arrays.toString(r));
        }
        for (double[] r : a.test().rows()) {
            rows.add(Arrays.toString(r));
        }
        Set<String> all = new HashSet<>();
        for (double[] r : iris.rows()) {
            all.add(Arrays.toString(r));
        }
        assertEquals(all, rows);
    }

    @Test
    void standardiserFitsTrainAndAppliesToOthers() {
        Dataset d = Dataset.of(new double[][] {{1, 5}, {3, 5}, {5, 5}}, new int[] {0, 1, 0});
        Standardizer z = Standardizer.fit(d);
        assertArrayEquals(new double[] {3, 5}, z.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 0}, z.std(), 1e-15);
        Dataset s = z.apply(d);
        assertArrayEquals(new double[] {-2 / Math.sqrt(8.0 / 3), 0}, s.features(0), 1e-15);
        assertArrayEquals(new int[] {0, 1, 0}, s.labels());
        Dataset other = z.apply(Dataset.of(new double[][] {{3, 7}}, new int[] {1}));
        assertArrayEquals(new double[] {0, 2}, other.features(0), 1e-15);
    }

    @Test
    void loaderBatchesShufflesAndDropsLast() {
        double[][] x = new double[10][];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {i, -i};
            y[i] = i;
        }
        Dataset d = Dataset.of(x, y);
        DataLoader inOrder = DataLoader.of(d).batchSize(4);
        List<Batch> bs = new ArrayList<>();
        inOrder.forEach(bs::add);
        assertEquals(3, bs.size());
        assertArrayEquals(new int[] {8, 9}, bs.get(2).labels());
        assertArrayEquals(new int[] {2, 2}, bs.get(2).x().shape());
        assertArrayEquals(new double[] {8, -8, 9, -9}, bs.get(2).x().toArray());

        DataLoader dropped = DataLoader.of(d).batchSize(4).dropLast(true);
        assertEquals(2, dropped.numBatches());
        int count = 0;
        for (Batch b : dropped) {
            assertEquals(4, b.size());
            count++;
        }
        assertEquals(2, count);

        List<Integer> e1 = epoch(DataLoader.of(d).batchSize(3).shuffle(9));
        DataLoader again = DataLoader.of(d).batchSize(3).shuffle(9);
        assertEquals(e1, epoch(again));
        List<Integer> e2 = epoch(again);
        assertNotEquals(e1, e2, "each epoch draws a new order");
        List<Integer> sorted = new ArrayList<>(e2);
        sorted.sort(null);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sorted);
    }

    static List<Integer> epoch(DataLoader l) {
        List<Integer> labels = new ArrayList<>();
        for (Batch b : l) {
            for (int i = 0; i < b.size(); i++) {
                assertEquals(b.labels()[i], (int) b.x().toArray()[2 * i], "features travel with their label");
                labels.add(b.labels()[i]);
            }
        }
        return labels;
    }

    @Test
    void datasetValidation() {
        assertMessage(() -> Dataset.of(new double[][] {{1, 2}, {3}}, new int[] {0, 1}), "row 1");
        assertMessage(() -> Dataset.of(new double[][] {{1}}, new int[] {0, 1}), "1 samples but 2 labels");
        assertMessage(() -> Dataset.of(new double[][] {{1}}, new int[] {-1}), "label 0 is -1");
    }
}
