package dev.chainrule.nn.data;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Mini-batches over a {@link Dataset}, one pass per {@code for} loop:
 * <pre>{@code
 * DataLoader loader = DataLoader.of(train).batchSize(64).shuffle(42).dropLast(true);
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch b : loader) { ... }
 * }
 * }</pre>
 * With shuffling, each pass draws a new order from one generator seeded once, so epoch k's
 * order is the same in every run with the same seed. Without it, samples come in order.
 * Batches are float64 unless {@link #dtype} asks for float32 (for a float32 model: the one line
 * that switches a training loop's data).
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset data;
    private int batchSize = 32;
    private boolean dropLast;
    private SplittableRandom rng;
    private DType dtype = DType.F64;

    private DataLoader(Dataset data) {
        this.data = data;
    }

    /**
     * A loader over {@code data}: batches of 32, in order, keeping the last partial batch.
     *
     * @param data the data set to batch
     * @return a loader over {@code data}: batches of 32, in order, keeping the last partial batch
     */
    public static DataLoader of(Dataset data) {
        return new DataLoader(Objects.requireNonNull(data, "DataLoader.of: data is null"));
    }

    /**
     * Samples per batch (≥ 1).
     *
     * @param batchSize samples per batch, at least 1
     * @return this
     */
    public DataLoader batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader: batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Shuffle every pass, from a generator seeded with {@code seed}.
     *
     * @param seed the seed
     * @return this
     */
    public DataLoader shuffle(long seed) {
        this.rng = new SplittableRandom(seed);
        return this;
    }

    /**
     * Drop the last batch when it is smaller than the batch size.
     *
     * @param dropLast whether to drop a last, smaller batch
     * @return this
     */
    public DataLoader dropLast(boolean dropLast) {
        this.dropLast = dropLast;
        return this;
    }

    /**
     * The element type of the batches' inputs (default {@link DType#F64}); {@link DType#F32}
     * rounds each number to the nearest float, as a float32 model expects.
     *
     * @param dtype the type of {@link Batch#x()}
     * @return this
     */
    public DataLoader dtype(DType dtype) {
        this.dtype = Objects.requireNonNull(dtype, "DataLoader.dtype: dtype is null");
        return this;
    }

    /**
     * Batches per pass.
     *
     * @return the number of batches per pass
     */
    public int numBatches() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** One pass over the data. */
    @Override
    public Iterator<Batch> iterator() {
        int n = data.size();
        int[] order;
        if (rng != null) {
            order = Dataset.permutation(n, rng);
        } else {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        int batches = numBatches();
        return new Iterator<>() {
            private int b;

            @Override
            public boolean hasNext() {
                return b < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("DataLoader: the pass is over");
                }
                int from = b * batchSize;
                int to = Math.min(n, from + batchSize);
                b++;
                return batch(java.util.Arrays.copyOfRange(order, from, to));
            }
        };
    }

    private Batch batch(int[] idx) {
        int d = data.featureCount();
        double[] src = data.raw();
        int[] labels = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            labels[k] = data.label(idx[k]);
        }
        int[] shape = data.shapeOf(idx.length);
        if (dtype == DType.F32) {
            float[] x = new float[idx.length * d]; // straight to float: no float64 batch on the way
            for (int k = 0; k < idx.length; k++) {
                for (int j = 0, from = idx[k] * d; j < d; j++) {
                    x[k * d + j] = (float) src[from + j];
                }
            }
            return new Batch(Tensor.constant(x, shape), labels, idx);
        }
        double[] x = new double[idx.length * d];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(src, idx[k] * d, x, k * d, d);
        }
        return new Batch(Tensor.constant(x, shape), labels, idx);
    }
}
