package dev.chainrule.nn.data;

import dev.chainrule.autograd.Tensor;

/**
 * One mini-batch: the samples as a constant tensor [b, sample dims...], their labels and
 * their positions in the dataset.
 */
public record Batch(Tensor x, int[] labels, int[] indices) {
    /**
     * Number of samples in the batch.
     *
     * @return the number of samples
     */
    public int size() {
        return labels.length;
    }

    /**
     * The labels as a constant one-hot matrix [b, numClasses] (targets for a squared-error loss).
     *
     * @param numClasses the number of classes C
     * @return the labels as a constant one-hot matrix [b, numClasses] in the type of {@link #x()}
     */
    public Tensor oneHot(int numClasses) {
        return Tensor.oneHot(labels, numClasses).to(x.dtype()); // the inputs' type, so a loss stays in it
    }
}
