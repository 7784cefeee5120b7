package dev.chainrule.examples.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A small in-memory classification data set: one row of features per sample, an integer
 * class label per sample, and the class names. Rows are not copied: treat them as read-only.
 *
 * @param name       what the data is, for messages and plot titles
 * @param x          features, {@code x[i]} the row of sample i (all rows the same length)
 * @param y          labels in {@code [0, classes.size())}
 * @param classes    class names
 */
public record Dataset(String name, double[][] x, int[] y, List<String> classes) {
    /** Checks that rows and labels agree. */
    public Dataset {
        Objects.requireNonNull(x, "Dataset: x is null");
        Objects.requireNonNull(y, "Dataset: y is null");
        if (x.length != y.length) {
            throw new IllegalArgumentException("Dataset " + name + ": " + x.length + " rows but " + y.length + " labels");
        }
        int d = x.length == 0 ? 0 : x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("Dataset " + name + ": row " + i + " has " + x[i].length
                        + " features, row 0 has " + d);
            }
            if (y[i] < 0 || y[i] >= classes.size()) {
                throw new IllegalArgumentException("Dataset " + name + ": label " + y[i] + " of row " + i
                        + " is outside [0, " + classes.size() + ")");
            }
        }
        classes = List.copyOf(classes);
    }

    /** Number of samples. */
    public int size() {
        return y.length;
    }

    /** Number of features per sample. */
    public int features() {
        return x.length == 0 ? 0 : x[0].length;
    }

    /** The rows at {@code idx}, in that order. */
    public Dataset subset(int[] idx, String suffix) {
        double[][] xs = new double[idx.length][];
        int[] ys = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            xs[i] = x[idx[i]];
            ys[i] = y[idx[i]];
        }
        return new Dataset(name + suffix, xs, ys, classes);
    }

    /**
     * A stratified random split: in each class, {@code testFraction} of its samples (rounded)
     * go to the test part. The same seed gives the same split.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("Dataset.split: testFraction must be in (0, 1), got " + testFraction);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    members.add(i);
                }
            }
            int[] m = members.stream().mapToInt(Integer::intValue).toArray();
            shuffle(m, rng);
            int nTest = (int) Math.round(m.length * testFraction);
            for (int i = 0; i < m.length; i++) {
                (i < nTest ? test : train).add(m[i]);
            }
        }
        int[] tr = train.stream().mapToInt(Integer::intValue).toArray();
        int[] te = test.stream().mapToInt(Integer::intValue).toArray();
        shuffle(tr, rng);
        shuffle(te, rng);
        return new Split(subset(tr, " (train)"), subset(te, " (test)"));
    }

    /** Fisher-Yates shuffle driven by {@code rng}. */
    public static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Features scaled by a fixed factor (e.g. pixels 0..16 to 0..1), as a new data set. */
    public Dataset scaled(double factor) {
        double[][] xs = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            xs[i] = x[i].clone();
            for (int j = 0; j < xs[i].length; j++) {
                xs[i][j] *= factor;
            }
        }
        return new Dataset(name, xs, y, classes);
    }

    /** Rows of {@code x} flattened row-major, for building a {@code [n, features]} tensor. */
    public double[] flatFeatures() {
        int d = features();
        double[] flat = new double[x.length * d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * d, d);
        }
        return flat;
    }

    /** How many samples each class has. */
    public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (int label : y) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return name + ": " + size() + " samples, " + features() + " features, classes " + classes
                + " " + Arrays.toString(classCounts());
    }

    /** A train part and a test part. */
    public record Split(Dataset train, Dataset test) {
    }

    /** Per-feature mean and standard deviation, fitted on one set and applied to others. */
    public record Standardizer(double[] mean, double[] std) {
        /** Fits the mean and (population) standard deviation of each feature of {@code d}. */
        public static Standardizer fit(Dataset d) {
            int f = d.features();
            double[] mean = new double[f], std = new double[f];
            for (double[] row : d.x()) {
                for (int j = 0; j < f; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < f; j++) {
                mean[j] /= d.size();
            }
            for (double[] row : d.x()) {
                for (int j = 0; j < f; j++) {
                    std[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
                }
            }
            for (int j = 0; j < f; j++) {
                std[j] = Math.sqrt(std[j] / d.size());
                if (std[j] < 1e-12) {
                    std[j] = 1; // a constant feature stays constant instead of dividing by zero
                }
            }
            return new Standardizer(mean, std);
        }

        /** {@code (x - mean) / std} for one row. */
        public double[] apply(double[] row) {
            double[] out = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                out[j] = (row[j] - mean[j]) / std[j];
            }
            return out;
        }

        /** The whole data set standardized. */
        public Dataset apply(Dataset d) {
            double[][] xs = new double[d.size()][];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = apply(d.x()[i]);
            }
            return new Dataset(d.name(), xs, d.y(), d.classes());
        }
    }
}
