package dev.chainrule.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Anything that owns trainable parameters under stable names: tensor modules and the scalar
 * models alike. Optimizers take {@link #parameters()}; checkpoints use {@link #namedParameters()}.
 */
public interface Parameterized {
    /**
     * Every parameter under a dotted name ({@code layers.0.weight}), in a fixed order; the same objects each call.
     *
     * @return name to parameter, in order
     */
    Map<String, Parameter> namedParameters();

    /**
     * The parameters in the order of {@link #namedParameters()}.
     *
     * @return a new list of the parameters
     */
    default List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Clears every parameter's gradient. */
    default void zeroGrad() {
        for (Parameter p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    /**
     * The total number of trainable numbers.
     *
     * @return the sum of the parameters' sizes
     */
    default long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.size();
        }
        return n;
    }
}
