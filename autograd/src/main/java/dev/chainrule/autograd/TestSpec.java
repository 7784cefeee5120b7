package dev.chainrule.autograd;

import java.util.List;

/**
 * How the generic tests exercise one registry op (PyTorch's OpInfo, in small): where to
 * sample inputs, which points to keep away from (kinks, where finite differences lie), which
 * parameter sets to try, and whether second order is checked (false for ops whose derivative
 * is piecewise constant: their second derivative is 0 and is checked as such).
 *
 * @param lo         lower end of the sampling interval
 * @param hi         upper end of the sampling interval
 * @param kinks      points where the op or its derivative jumps (for a binary op: values of a - b)
 * @param secondOrder true when the second derivative is checked by finite differences
 * @param paramSets  parameter sets to test with (one empty set for a parameterless op)
 * @param badParams  parameter sets the op must refuse with an IllegalArgumentException
 */
record TestSpec(double lo, double hi, double[] kinks, boolean secondOrder, List<double[]> paramSets,
                List<double[]> badParams) {
    static final double[] NONE = {};

    static TestSpec smooth(double lo, double hi) {
        return new TestSpec(lo, hi, NONE, true, List.of(UnaryOp.NO_PARAMS), List.of());
    }

    static TestSpec piecewise(double lo, double hi, double... kinks) {
        return new TestSpec(lo, hi, kinks, false, List.of(UnaryOp.NO_PARAMS), List.of());
    }

    TestSpec kinks(double... k) {
        return new TestSpec(lo, hi, k, secondOrder, paramSets, badParams);
    }

    TestSpec params(double[]... sets) {
        return new TestSpec(lo, hi, kinks, secondOrder, List.of(sets), badParams);
    }

    TestSpec refuses(double[]... sets) {
        return new TestSpec(lo, hi, kinks, secondOrder, paramSets, List.of(sets));
    }
}
