package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the
 * survivors are scaled by 1/(1 − p), so inference ({@link #eval()}) is the identity. The
 * masks come from a seeded generator, so a run is reproducible.
 */
public final class Dropout extends Module {
    private final double p;
    private final RandomGenerator rng;

    /**
     * Dropout with probability {@code p} ∈ [0, 1), masks drawn from {@code seed}.
     *
     * @param p    the probability of zeroing an element
     * @param seed seeds the masks
     */
    public Dropout(double p, long seed) {
        this(p, new SplittableRandom(seed));
    }

    /**
     * Dropout with probability {@code p} ∈ [0, 1), masks drawn from {@code rng}.
     *
     * @param p   the probability of zeroing an element
     * @param rng draws the masks
     */
    public Dropout(double p, RandomGenerator rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = Objects.requireNonNull(rng, "Dropout: rng is null");
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        double keep = 1 / (1 - p);
        double[] mask = new double[x.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < p ? 0 : keep;
        }
        return x.mul(Tensor.constant(mask, x.shape()).to(x.dtype())); // the input's type, not float64
    }

    /** {@code Dropout(p)}. */
    @Override
    public String summary() {
        return "Dropout(" + p + ")";
    }
}
