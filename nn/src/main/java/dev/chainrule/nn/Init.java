package dev.chainrule.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How to fill a weight array before training, from a seedable {@link RandomGenerator}:
 * with the same seed, the same model, bit for bit. {@code fanIn} is the number of inputs of
 * each unit and {@code fanOut} the number of units (PyTorch's {@code torch.nn.init} formulas):
 * <ul>
 *   <li>{@link #XAVIER_UNIFORM}: U(−a, a), a = √(6/(fanIn + fanOut)) (Glorot, tanh/sigmoid nets);</li>
 *   <li>{@link #XAVIER_NORMAL}: N(0, σ²), σ = √(2/(fanIn + fanOut));</li>
 *   <li>{@link #HE_UNIFORM}: U(−a, a), a = √2·√(3/fanIn) (Kaiming, fan_in mode, ReLU gain √2);</li>
 *   <li>{@link #HE_NORMAL} (= {@link #HE}): N(0, σ²), σ = √2/√fanIn;</li>
 *   <li>{@link #SMALL_UNIFORM}: U(−0.05, 0.05), the classic "small random weights";</li>
 *   <li>{@link #ZEROS}.</li>
 * </ul>
 * Draws are taken in array order; a uniform draw is {@code lo + (hi − lo)·nextDouble()} and a
 * normal draw {@code σ·nextGaussian()}.
 */
@FunctionalInterface
public interface Init {
    /**
     * Fills {@code weights} for units with {@code fanIn} inputs, {@code fanOut} units, drawing from {@code rng}.
     *
     * @param weights the numbers to fill, row-major
     * @param fanIn the number of inputs of the layer
     * @param fanOut the number of outputs of the layer
     * @param rng the random draws
     */
    void fill(double[] weights, int fanIn, int fanOut, RandomGenerator rng);

    /** Glorot/Xavier uniform. */
    Init XAVIER_UNIFORM = xavierUniform(1);
    /** Glorot/Xavier normal. */
    Init XAVIER_NORMAL = xavierNormal(1);
    /** He/Kaiming uniform (fan in, ReLU gain). */
    Init HE_UNIFORM = heUniform(Math.sqrt(2));
    /** He/Kaiming normal (fan in, ReLU gain). */
    Init HE_NORMAL = heNormal(Math.sqrt(2));
    /** He/Kaiming normal, the usual choice for ReLU nets. */
    Init HE = HE_NORMAL;
    /** Glorot/Xavier uniform, the usual choice for sigmoid and tanh nets. */
    Init XAVIER = XAVIER_UNIFORM;
    /** U(−0.05, 0.05). */
    Init SMALL_UNIFORM = smallUniform(0.05);
    /** All zeros (biases; never all weights of a hidden layer, which then stay symmetric). */
    Init ZEROS = (w, fanIn, fanOut, rng) -> java.util.Arrays.fill(w, 0.0);

    /**
     * Xavier uniform with a gain: a = gain·√(6/(fanIn + fanOut)).
     *
     * @param gain the scale factor
     * @return the initialiser
     */
    static Init xavierUniform(double gain) {
        return (w, fanIn, fanOut, rng) -> {
            checkFans("xavierUniform", fanIn, fanOut);
            uniform(w, gain * Math.sqrt(6.0 / (fanIn + fanOut)), rng);
        };
    }

    /**
     * Xavier normal with a gain: σ = gain·√(2/(fanIn + fanOut)).
     *
     * @param gain the scale factor
     * @return the initialiser
     */
    static Init xavierNormal(double gain) {
        return (w, fanIn, fanOut, rng) -> {
            checkFans("xavierNormal", fanIn, fanOut);
            normal(w, gain * Math.sqrt(2.0 / (fanIn + fanOut)), rng);
        };
    }

    /**
     * Kaiming uniform (fan in) with a gain: a = gain·√(3/fanIn).
     *
     * @param gain the scale factor
     * @return the initialiser
     */
    static Init heUniform(double gain) {
        return (w, fanIn, fanOut, rng) -> {
            checkFans("heUniform", fanIn, fanOut);
            uniform(w, gain * Math.sqrt(3.0 / fanIn), rng);
        };
    }

    /**
     * Kaiming normal (fan in) with a gain: σ = gain/√fanIn.
     *
     * @param gain the scale factor
     * @return the initialiser
     */
    static Init heNormal(double gain) {
        return (w, fanIn, fanOut, rng) -> {
            checkFans("heNormal", fanIn, fanOut);
            normal(w, gain / Math.sqrt(fanIn), rng);
        };
    }

    /**
     * U(−a, a).
     *
     * @param a the half width of the interval
     * @return the initialiser
     */
    static Init smallUniform(double a) {
        if (!(a >= 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("Init.smallUniform: bound must be a finite number >= 0, got " + a);
        }
        return (w, fanIn, fanOut, rng) -> uniform(w, a, rng);
    }

    /**
     * U(lo, hi).
     *
     * @param lo the lower bound
     * @param hi the upper bound
     * @return the initialiser
     */
    static Init uniform(double lo, double hi) {
        if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("Init.uniform: need finite lo <= hi, got [" + lo + ", " + hi + "]");
        }
        return (w, fanIn, fanOut, rng) -> {
            Objects.requireNonNull(rng, "Init: rng is null");
            for (int i = 0; i < w.length; i++) {
                w[i] = lo + (hi - lo) * rng.nextDouble();
            }
        };
    }

    /**
     * Fills a parameter (whose numbers are written back).
     *
     * @param p the parameter to fill
     * @param fanIn the number of inputs of the layer
     * @param fanOut the number of outputs of the layer
     * @param rng the random draws
     */
    default void fill(Parameter p, int fanIn, int fanOut, RandomGenerator rng) {
        double[] d = p.data();
        fill(d, fanIn, fanOut, rng);
        p.commit();
    }

    private static void checkFans(String name, int fanIn, int fanOut) {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException("Init." + name + ": fanIn and fanOut must be > 0, got fanIn "
                    + fanIn + ", fanOut " + fanOut);
        }
    }

    private static void uniform(double[] w, double a, RandomGenerator rng) {
        Objects.requireNonNull(rng, "Init: rng is null");
        for (int i = 0; i < w.length; i++) {
            w[i] = -a + 2 * a * rng.nextDouble();
        }
    }

    private static void normal(double[] w, double std, RandomGenerator rng) {
        Objects.requireNonNull(rng, "Init: rng is null");
        for (int i = 0; i < w.length; i++) {
            w[i] = std * rng.nextGaussian();
        }
    }
}
