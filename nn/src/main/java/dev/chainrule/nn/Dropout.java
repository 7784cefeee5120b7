package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the
 * survivors are scaled by 1/(1 − p), so the expected output equals the input and inference
 * ({@link #eval()}) is the identity, with no rescaling. The mask is a constant, so the
 * gradient passes exactly where the input did, with the same scale. Masks are drawn in
 * element order from the given generator ({@code nextDouble() < p} drops), so a seeded run
 * repeats bit for bit.
 */
public final class Dropout extends Module {
    private final double p;
    private final RandomGenerator rng;

    /** Dropout with probability {@code p} ∈ [0, 1], masks drawn from {@code rng}. */
    public Dropout(double p, RandomGenerator rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.rng = Objects.requireNonNull(rng, "Dropout: rng is null");
    }

    /** Dropout with probability {@code p}, masks drawn from a {@link SplittableRandom} with {@code seed}. */
    public Dropout(double p, long seed) {
        this(p, new SplittableRandom(seed));
    }

    /** In training mode, x times a fresh random mask of 0 and 1/(1 − p); in eval mode, x itself. */
    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "Dropout.forward: x is null");
        if (!isTraining() || p == 0) {
            return x;
        }
        double[] mask = new double[x.size()];
        if (p < 1) { // p = 1 drops everything: the mask stays all zeros (PyTorch's result)
            double keep = 1 / (1 - p);
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rng.nextDouble() < p ? 0 : keep;
            }
        }
        return x.mul(Tensor.constant(mask, x.shape()));
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    /** {@code Dropout(p)}. */
    @Override
    public String toString() {
        return "Dropout(" + p + ")";
    }
}
