package dev.chainrule.nn;

import java.util.Map;

/**
 * The lecture notes' 3-2-1 sigmoid net ({@code shared/spec/worked-example.md}) for the nn
 * tests: the spec's numbers once, by unit, and the scalar and tensor models built from them
 * (both store a layer's weights [out, in], one row per unit, as PyTorch).
 */
final class WorkedExample {
    /** The input x1..x3. */
    static final double[] X = {1, 0, 1};
    /** The target of o6. */
    static final double TARGET = 1;
    /** The learning rate η of the one gradient-descent step. */
    static final double LR = 0.9;

    /** Incoming weights of hidden units 4 and 5: {w14, w24, w34}, {w15, w25, w35}. */
    static final double[][] HIDDEN_WEIGHTS = {{0.2, 0.4, -0.5}, {-0.3, 0.1, 0.2}};
    /** b4, b5. */
    static final double[] HIDDEN_BIAS = {-0.4, 0.2};
    /** w46, w56. */
    static final double[] OUTPUT_WEIGHTS = {-0.3, -0.2};
    /** b6. */
    static final double[] OUTPUT_BIAS = {0.1};

    /** o4, o5 before the step. */
    static final double[] HIDDEN_OUT = {0.3318122278318339, 0.52497918747894};
    /** o6 before the step. */
    static final double OUT = 0.47388889882398544;
    /** delta6 = −dE/dnet6. */
    static final double OUTPUT_DELTA = 0.1311690782143445;
    /** delta4, delta5. */
    static final double[] HIDDEN_DELTA = {-0.008724561965433263, -0.0065420850641689935};

    /** The weights and biases after the step, laid out as the initial ones. */
    static final double[][] NEW_HIDDEN_WEIGHTS = {
        {0.19214789423111006, 0.4, -0.50785210576889}, {-0.30588787655775207, 0.1, 0.19411212344224793}};
    static final double[] NEW_HIDDEN_BIAS = {-0.40785210576888997, 0.19411212344224793};
    static final double[] NEW_OUTPUT_WEIGHTS = {-0.26082884634154524, -0.13802506750700472};
    static final double[] NEW_OUTPUT_BIAS = {0.21805217039291008};
    /** o6 after the step. */
    static final double NEW_OUT = 0.515247950984996;

    private WorkedExample() {
    }

    /** The net on scalar nodes: layers.0.weight holds one row per hidden unit. */
    static ScalarMLP scalarNet() {
        ScalarMLP net = ScalarMLP.of(3, 2, 1).activation(Activation.SIGMOID).outputActivation(Activation.SIGMOID);
        set(net.namedParameters(), byUnit(HIDDEN_WEIGHTS));
        return net;
    }

    /** The net on tensors: layers.0.weight is [out, in] too, row j holding unit j's weights. */
    static MLP tensorNet() {
        MLP net = MLP.of(3, 2, 1).activation(Activation.SIGMOID).outputActivation(Activation.SIGMOID);
        set(net.namedParameters(), byUnit(HIDDEN_WEIGHTS));
        return net;
    }

    private static void set(Map<String, Parameter> p, double[] hiddenWeights) { // both models: [out, in]
        p.get("layers.0.weight").set(hiddenWeights);
        p.get("layers.0.bias").set(HIDDEN_BIAS);
        p.get("layers.1.weight").set(OUTPUT_WEIGHTS); // [1, 2]
        p.get("layers.1.bias").set(OUTPUT_BIAS);
    }

    /** Unit-major ([out, in]) row-major numbers. */
    static double[] byUnit(double[][] w) {
        double[] out = new double[w.length * w[0].length];
        for (int u = 0; u < w.length; u++) {
            System.arraycopy(w[u], 0, out, u * w[0].length, w[0].length);
        }
        return out;
    }
}
