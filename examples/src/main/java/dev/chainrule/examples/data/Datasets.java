package dev.chainrule.examples.data;

import dev.chainrule.nn.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The data sets the examples use: three shipped as resources (8x8 handwritten digits, iris,
 * the Mauna Loa CO2 record), two generated (XOR, two moons). Nothing is downloaded.
 */
public final class Datasets {
    private static final String DIR = "/dev/chainrule/examples/data/";

    private Datasets() {
    }

    /**
     * The 1,797 8x8 handwritten digits (UCI optical digits test set, CC BY 4.0), pixels 0..16
     * scaled to 0..1, labels 0..9.
     *
     * @return the 1,797 digits with 64 features each, freshly read
     */
    public static Dataset digits() {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream raw = open("digits.csv.gz");
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 65) {
                    throw new IllegalStateException("digits.csv.gz line " + lineNo + ": " + f.length
                            + " fields, expected 64 pixels and a label");
                }
                double[] x = new double[64];
                for (int j = 0; j < 64; j++) {
                    x[j] = Integer.parseInt(f[j].trim()) / 16.0;
                }
                rows.add(x);
                labels.add(Integer.parseInt(f[64].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the digits resource: " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            names.add(Integer.toString(c));
        }
        return dataset(rows.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    /**
     * Fisher's iris: 150 flowers, 4 measurements (cm), 3 species (UCI, CC BY 4.0).
     *
     * @return the 150 flowers with 4 features each, freshly read
     */
    public static Dataset iris() {
        return headedCsv("iris.csv", "iris");
    }

    /** A time series: times (here decimal years) and one reading each. */
    public record Series(double[] t, double[] y) {
        /**
         * The number of readings.
         *
         * @return the length of {@code t} (and of {@code y})
         */
        public int size() {
            return t.length;
        }

        /**
         * Every {@code step}-th reading, from the first.
         *
         * @param step the stride, at least 1
         * @return a new series of readings 0, step, 2·step, ...
         */
        public Series every(int step) {
            if (step < 1) {
                throw new IllegalArgumentException("Series.every: step must be >= 1, got " + step);
            }
            int m = (t.length + step - 1) / step;
            double[] ts = new double[m], ys = new double[m];
            for (int i = 0; i < m; i++) {
                ts[i] = t[i * step];
                ys[i] = y[i * step];
            }
            return new Series(ts, ys);
        }
    }

    /**
     * The monthly Mauna Loa CO2 record, 1958-03 to 2001-12: 521 months (months without a
     * reading left out), time in decimal years (year + (month − 1)/12), CO2 in ppm. Keeling et
     * al., Scripps Institution of Oceanography, public domain; as distributed with statsmodels.
     *
     * @return the 521 monthly readings, freshly read
     */
    public static Series co2() {
        List<double[]> rows = new ArrayList<>();
        String file = "co2_mauna_loa_monthly.csv";
        try (InputStream raw = open(file);
             BufferedReader r = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#") || line.startsWith("year")) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 2) {
                    throw new IllegalStateException(file + " line " + lineNo + ": " + f.length
                            + " fields, expected year,co2");
                }
                rows.add(new double[] {Double.parseDouble(f[0].trim()), Double.parseDouble(f[1].trim())});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CO2 resource: " + e.getMessage(), e);
        }
        double[] t = new double[rows.size()], y = new double[rows.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rows.get(i)[0];
            y[i] = rows.get(i)[1];
        }
        return new Series(t, y);
    }

    /**
     * The four XOR points, labels 0 (same signs) and 1 (different).
     *
     * @return the four points with their labels
     */
    public static Dataset xor() {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        return dataset(x, new int[] {0, 1, 1, 0}, List.of("0", "1"));
    }

    /**
     * Two interleaving half circles, as scikit-learn's {@code make_moons}: {@code n} points,
     * half per moon, with Gaussian noise of standard deviation {@code noise}, from {@code seed}.
     *
     * @param n     the number of points, at least 2
     * @param noise the noise's standard deviation, ≥ 0
     * @param seed  the seed of the draws; equal seeds give equal data
     * @return the n points with 2 features each and labels 0 and 1
     */
    public static Dataset moons(int n, double noise, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("moons: need at least 2 points, got " + n);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int nOuter = n / 2, nInner = n - nOuter;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < nOuter; i++) {
            double t = Math.PI * i / Math.max(1, nOuter - 1);
            x[i] = new double[] {Math.cos(t), Math.sin(t)};
            y[i] = 0;
        }
        for (int i = 0; i < nInner; i++) {
            double t = Math.PI * i / Math.max(1, nInner - 1);
            x[nOuter + i] = new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
            y[nOuter + i] = 1;
        }
        for (double[] p : x) {
            p[0] += noise * gaussian(rng);
            p[1] += noise * gaussian(rng);
        }
        // interleave the two moons so any prefix has both classes
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return dataset(x, y, List.of("upper", "lower")).subset(idx);
    }

    /** Rows, labels and class names as an nn {@link Dataset}. */
    private static Dataset dataset(double[][] x, int[] y, List<String> classes) {
        int d = x[0].length;
        double[] flat = new double[x.length * d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * d, d);
        }
        return Dataset.of(flat, new int[] {x.length, d}, y, classes);
    }

    /** A standard normal draw (Box-Muller), so the data depend only on the seed. */
    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** A CSV whose first line is {@code N,D,class0,class1,...}, then D numbers and a label per line. */
    private static Dataset headedCsv(String file, String name) {
        try (InputStream raw = open(file);
             BufferedReader r = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            String[] head = r.readLine().split(",");
            int n = Integer.parseInt(head[0].trim()), d = Integer.parseInt(head[1].trim());
            List<String> classes = Arrays.asList(head).subList(2, head.length);
            double[][] x = new double[n][d];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                String line = r.readLine();
                if (line == null) {
                    throw new IllegalStateException(file + ": header promises " + n + " rows, found " + i);
                }
                String[] f = line.split(",");
                for (int j = 0; j < d; j++) {
                    x[i][j] = Double.parseDouble(f[j].trim());
                }
                y[i] = Integer.parseInt(f[d].trim());
            }
            return dataset(x, y, classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + name + " resource: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = Datasets.class.getResourceAsStream(DIR + file);
        if (in == null) {
            throw new IOException("resource " + DIR + file + " is missing from the jar");
        }
        return in;
    }
}
