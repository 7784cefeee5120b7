package dev.chainrule.nn.data;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Samples with integer class labels: n samples of a fixed shape (e.g. [4] or [784]) stored
 * in one row-major array, and one label per sample. Immutable; subsets and transforms make
 * new datasets.
 *
 * <pre>{@code
 * Dataset iris = Csv.load(Path.of("iris.csv"));
 * Dataset.Split s = iris.split(0.2, 42);
 * Standardizer z = Standardizer.fit(s.train());
 * DataLoader loader = DataLoader.of(z.apply(s.train())).batchSize(16).shuffle(7);
 * }</pre>
 */
public final class Dataset {
    private final double[] x;
    private final int n;
    private final int[] sampleShape;
    private final int sampleSize;
    private final int[] labels;
    private final List<String> classNames;

    private Dataset(double[] x, int n, int[] sampleShape, int[] labels, List<String> classNames) {
        this.x = x;
        this.n = n;
        this.sampleShape = sampleShape;
        this.sampleSize = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        this.labels = labels;
        this.classNames = classNames;
    }

    /**
     * A dataset of rows {@code x[i]} (all the same length) with labels {@code labels[i] ≥ 0}.
     *
     * @param x the samples, one row (or first-axis slice) each
     * @param labels the class of each sample, one per row
     * @return a dataset of rows {@code x[i]} (all the same length) with labels {@code labels[i] ≥ 0}
     */
    public static Dataset of(double[][] x, int[] labels) {
        Objects.requireNonNull(x, "Dataset.of: x is null");
        Objects.requireNonNull(labels, "Dataset.of: labels is null");
        if (x.length == 0) {
            throw new IllegalArgumentException("Dataset.of: no samples");
        }
        int d = Objects.requireNonNull(x[0], "Dataset.of: x[0] is null").length;
        double[] flat = new double[x.length * d];
        for (int i = 0; i < x.length; i++) {
            Objects.requireNonNull(x[i], "Dataset.of: x[" + i + "] is null");
            if (x[i].length != d) {
                throw new IllegalArgumentException("Dataset.of: row " + i + " has " + x[i].length
                        + " features but row 0 has " + d);
            }
            System.arraycopy(x[i], 0, flat, i * d, d);
        }
        return of(flat, new int[] {x.length, d}, labels, List.of());
    }

    /**
     * A dataset whose samples are the slices of {@code x} along its first axis.
     *
     * @param x the samples, one row (or first-axis slice) each
     * @param labels the class of each sample, one per row
     * @return a dataset whose samples are the slices of {@code x} along its first axis
     */
    public static Dataset of(Tensor x, int[] labels) {
        Objects.requireNonNull(x, "Dataset.of: x is null");
        return of(x.toArray(), x.shape(), labels, List.of());
    }

    /**
     * A dataset over {@code x} (not copied) of shape {@code [n, sample dims...]}, labels and
     * optional class names (empty when unknown).
     *
     * @param x the samples, one row (or first-axis slice) each
     * @param shape the shape of the whole data, samples first
     * @param labels the class of each sample, one per row
     * @param classNames the name of each class, or an empty list
     * @return a dataset over {@code x} (not copied) of shape {@code [n, sample dims...]}, labels and optional class names (empty when unknown)
     */
    public static Dataset of(double[] x, int[] shape, int[] labels, List<String> classNames) {
        Objects.requireNonNull(x, "Dataset.of: x is null");
        Objects.requireNonNull(shape, "Dataset.of: shape is null");
        Objects.requireNonNull(labels, "Dataset.of: labels is null");
        if (shape.length < 1) {
            throw new IllegalArgumentException("Dataset.of: x must have a sample axis, got shape " + Arrays.toString(shape));
        }
        long size = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("Dataset.of: negative dimension in shape " + Arrays.toString(shape));
            }
            size *= s;
        }
        if (size != x.length) {
            throw new IllegalArgumentException("Dataset.of: " + x.length + " numbers do not fill shape "
                    + Arrays.toString(shape));
        }
        if (labels.length != shape[0]) {
            throw new IllegalArgumentException("Dataset.of: " + shape[0] + " samples but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Dataset.of: label " + i + " is " + labels[i] + "; labels must be >= 0"
                        + " and below " + Integer.MAX_VALUE + " (so the number of classes is an int)");
            }
            if (!classNames.isEmpty() && labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("Dataset.of: label " + i + " is " + labels[i] + " but there are only "
                        + classNames.size() + " class names");
            }
        }
        return new Dataset(x, shape[0], Arrays.copyOfRange(shape, 1, shape.length), labels.clone(),
                List.copyOf(classNames));
    }

    /**
     * Number of samples.
     *
     * @return the number of samples
     */
    public int size() {
        return n;
    }

    /**
     * The shape of one sample (a copy).
     *
     * @return the shape of one sample (a copy)
     */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /**
     * Numbers per sample.
     *
     * @return the number of numbers per sample
     */
    public int featureCount() {
        return sampleSize;
    }

    /**
     * Sample {@code i}'s numbers (a copy).
     *
     * @param i the sample's index
     * @return sample {@code i}'s numbers
     */
    public double[] features(int i) {
        Objects.checkIndex(i, n);
        return Arrays.copyOfRange(x, i * sampleSize, (i + 1) * sampleSize);
    }

    /**
     * Sample {@code i}'s label.
     *
     * @param i the sample's index
     * @return sample {@code i}'s label
     */
    public int label(int i) {
        Objects.checkIndex(i, n);
        return labels[i];
    }

    /**
     * All labels (a copy).
     *
     * @return a copy of the labels
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * The class names, when the source had them (else empty).
     *
     * @return the class names, when the source had them (else empty)
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The number of classes: the number of class names, or the largest label + 1.
     *
     * @return the number of classes: the number of class names, or the largest label + 1
     */
    public int numClasses() {
        return classNames.isEmpty() ? Arrays.stream(labels).max().orElse(-1) + 1 : classNames.size();
    }

    /**
     * All samples as one constant tensor of shape [n, sample dims...].
     *
     * @return the samples as a constant tensor
     */
    public Tensor x() {
        return Tensor.constant(x, shapeOf(n));
    }

    /**
     * All samples as rows (copies).
     *
     * @return one row per sample
     */
    public double[][] rows() {
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            r[i] = features(i);
        }
        return r;
    }

    /**
     * The samples at {@code indices} (in that order, repeats allowed).
     *
     * @param indices the samples to keep, in order
     * @return a new data set of those samples
     */
    public Dataset subset(int[] indices) {
        Objects.requireNonNull(indices, "Dataset.subset: indices is null");
        double[] sx = new double[indices.length * sampleSize];
        int[] sl = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("Dataset.subset: index " + i + " at position " + k
                        + " is outside 0.." + (n - 1));
            }
            System.arraycopy(x, i * sampleSize, sx, k * sampleSize, sampleSize);
            sl[k] = labels[i];
        }
        return new Dataset(sx, indices.length, sampleShape, sl, classNames);
    }

    /** A train/test pair. */
    public record Split(Dataset train, Dataset test) {
    }

    /**
     * Shuffles with {@code seed} and puts {@code round(testFraction·n)} samples in the test set,
     * the rest (in shuffled order) in the training set.
     *
     * @param testFraction the share of samples for the test set, in [0, 1]
     * @param seed the seed
     * @return the training and test sets
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("Dataset.split: testFraction must be in (0, 1), got " + testFraction);
        }
        int nTest = (int) Math.round(testFraction * n);
        if (nTest == 0 || nTest == n) {
            throw new IllegalArgumentException("Dataset.split: testFraction " + testFraction + " of " + n
                    + " samples leaves one side empty");
        }
        int[] perm = permutation(n, new SplittableRandom(seed));
        return new Split(subset(Arrays.copyOfRange(perm, nTest, n)), subset(Arrays.copyOfRange(perm, 0, nTest)));
    }

    /** A new dataset with the same labels and {@code newX} (n × featureCount numbers, same sample shape). */
    Dataset withFeatures(double[] newX) {
        return new Dataset(newX, n, sampleShape, labels, classNames);
    }

    /** The raw storage (not copied), for the data package's own loops. */
    double[] raw() {
        return x;
    }

    int[] shapeOf(int count) {
        int[] s = new int[sampleShape.length + 1];
        s[0] = count;
        System.arraycopy(sampleShape, 0, s, 1, sampleShape.length);
        return s;
    }

    /** Fisher–Yates permutation of 0..n−1 drawn from {@code rng}. */
    static int[] permutation(int n, java.util.random.RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** {@code Dataset(n samples of [d], k classes)}. */
    @Override
    public String toString() {
        return "Dataset(" + n + " samples of " + Arrays.toString(sampleShape) + ", " + numClasses() + " classes)";
    }
}
