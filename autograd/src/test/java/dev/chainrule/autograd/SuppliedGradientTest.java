package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Hand-written gradients, Jacobians and vjps checked by GradCheck: right ones pass, wrong ones are named. */
class SuppliedGradientTest {

    // ---- the 2-2-2 sigmoid network of the lecture notes' step-by-step backpropagation example:
    // inputs (0.05, 0.10), targets (0.01, 0.99), E = sum ½(t - o)².
    // Parameters, flattened: W1 (hidden x input, row-major) 0..3, b1 4..5, W2 (output x hidden) 6..9, b2 10..11.
    private static final double[] IN = {0.05, 0.10};
    private static final double[] TARGET = {0.01, 0.99};
    private static final double[] THETA = {0.15, 0.20, 0.25, 0.30, 0.35, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.60};

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double[][] forward(double[] p) {
        double[] h = new double[2], o = new double[2];
        for (int j = 0; j < 2; j++) {
            h[j] = sigmoid(p[2 * j] * IN[0] + p[2 * j + 1] * IN[1] + p[4 + j]);
        }
        for (int k = 0; k < 2; k++) {
            o[k] = sigmoid(p[6 + 2 * k] * h[0] + p[6 + 2 * k + 1] * h[1] + p[10 + k]);
        }
        return new double[][] {h, o};
    }

    static double loss(double[] p) {
        double[] o = forward(p)[1];
        return 0.5 * Math.pow(TARGET[0] - o[0], 2) + 0.5 * Math.pow(TARGET[1] - o[1], 2);
    }

    /** Backpropagation written out as in the notes; {@code transposeW2} plants the classic bug. */
    static double[] backprop(double[] p, boolean transposeW2) {
        double[][] f = forward(p);
        double[] h = f[0], o = f[1];
        double[] g = new double[12];
        double[] deltaOut = new double[2];
        for (int k = 0; k < 2; k++) {
            deltaOut[k] = (o[k] - TARGET[k]) * o[k] * (1 - o[k]);
            for (int j = 0; j < 2; j++) {
                int at = transposeW2 ? 6 + 2 * j + k : 6 + 2 * k + j;
                g[at] = deltaOut[k] * h[j];
            }
            g[10 + k] = deltaOut[k];
        }
        for (int j = 0; j < 2; j++) {
            double back = p[6 + j] * deltaOut[0] + p[8 + j] * deltaOut[1];
            double deltaHidden = back * h[j] * (1 - h[j]);
            g[2 * j] = deltaHidden * IN[0];
            g[2 * j + 1] = deltaHidden * IN[1];
            g[4 + j] = deltaHidden;
        }
        return g;
    }

    @Test
    void aCorrectHandWrittenBackpropOfThe222NetworkPasses() {
        GradCheck.Report r = GradCheck.withDefaults().checkGradient(SuppliedGradientTest::loss, p -> backprop(p, false), THETA);
        assertTrue(r.passed(), r::toString);
        assertEquals(12, r.entries().size());
        // the notes' numbers: E = 0.298371109, dE/dw5 = 0.082167041, dE/dw1 = 0.000438568
        assertEquals(0.298371109, loss(THETA), 1e-9);
        assertEquals(0.082167041, r.entries().get(6).analytic(), 1e-9);
        assertEquals(0.000438568, r.entries().get(0).analytic(), 1e-9);
        // and the same network through the engine agrees with the hand-written gradient
        double[] engine = Autograd.gradient(SuppliedGradientTest::valueLoss, THETA);
        double[] hand = backprop(THETA, false);
        for (int i = 0; i < 12; i++) {
            assertEquals(engine[i], hand[i], 1e-15, "theta " + i);
        }
    }

    private static Value valueLoss(List<Value> p) {
        Value[] h = new Value[2];
        for (int j = 0; j < 2; j++) {
            h[j] = p.get(2 * j).mul(IN[0]).add(p.get(2 * j + 1).mul(IN[1])).add(p.get(4 + j)).sigmoid();
        }
        Value e = Value.constant(0);
        for (int k = 0; k < 2; k++) {
            Value o = p.get(6 + 2 * k).mul(h[0]).add(p.get(7 + 2 * k).mul(h[1])).add(p.get(10 + k)).sigmoid();
            e = e.add(Value.constant(TARGET[k]).sub(o).pow(2).mul(0.5));
        }
        return e;
    }

    @Test
    void theSameWithW2sGradientTransposedFailsNamingThoseWeights() {
        GradCheck.Report r = GradCheck.withDefaults().checkGradient(SuppliedGradientTest::loss, p -> backprop(p, true), THETA);
        assertFalse(r.passed());
        // W2 is 2x2 at offsets 6..9: transposing swaps its off-diagonal entries, W2[0][1] (7) and W2[1][0] (8)
        assertEquals(List.of(7, 8), r.failures().stream().map(GradCheck.Entry::index).toList(), r::toString);
        String worst = r.worst().orElseThrow().input();
        assertTrue(worst.equals("x[7]") || worst.equals("x[8]"), worst);
        AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
        assertTrue(e.getMessage().contains("worst: " + worst), e.getMessage());
    }

    // ---- the spec's worked example (shared/spec/worked-example.md): 3-2-1, E = ½(t - o6)², x = (1, 0, 1), t = 1.
    // Parameters: w14, w24, w34, b4, w15, w25, w35, b5, w46, w56, b6.
    private static final double[] X321 = {1, 0, 1};
    private static final double[] W321 = {0.2, 0.4, -0.5, -0.4, -0.3, 0.1, 0.2, 0.2, -0.3, -0.2, 0.1};

    private static double[] outputs321(double[] w) {
        double o4 = sigmoid(w[0] * X321[0] + w[1] * X321[1] + w[2] * X321[2] + w[3]);
        double o5 = sigmoid(w[4] * X321[0] + w[5] * X321[1] + w[6] * X321[2] + w[7]);
        return new double[] {o4, o5, sigmoid(w[8] * o4 + w[9] * o5 + w[10])};
    }

    /** The notes' delta rule: delta = -dE/dnet, so dE/dw = -delta * (what w multiplies). */
    private static double[] deltaRule321(double[] w) {
        double[] o = outputs321(w);
        double delta6 = o[2] * (1 - o[2]) * (1 - o[2]);
        double delta4 = o[0] * (1 - o[0]) * w[8] * delta6, delta5 = o[1] * (1 - o[1]) * w[9] * delta6;
        return new double[] {-delta4 * X321[0], -delta4 * X321[1], -delta4 * X321[2], -delta4,
            -delta5 * X321[0], -delta5 * X321[1], -delta5 * X321[2], -delta5, -delta6 * o[0], -delta6 * o[1], -delta6};
    }

    @Test
    void theSpecsWorkedExampleByTheDeltaRulePasses() {
        GradCheck.Report r = GradCheck.withDefaults().richardson(4).tolerance(1e-12, 1e-7)
                .checkGradient(w -> 0.5 * Math.pow(1 - outputs321(w)[2], 2), SuppliedGradientTest::deltaRule321, W321);
        assertTrue(r.passed(), r::toString);
        assertEquals(0.008724561965433263, r.entries().get(0).analytic(), 1e-15, "-delta4 * x1");
        assertEquals(-0.1311690782143445, r.entries().get(10).analytic(), 1e-15, "-delta6");
    }

    @Test
    void fastModeFindsTheOneWrongInputOfAHundredThousand() {
        int n = 100_000, bad = 73_210;
        double[] x = new Random(1).doubles(n, -2, 2).toArray();
        ToDoubleFunction<double[]> f = SuppliedGradientTest::sumOfSinPlusHalfSquares;
        Function<double[], double[]> grad = SuppliedGradientTest::itsGradient;
        Function<double[], double[]> wrong = v -> {
            double[] g = itsGradient(v);
            g[bad] *= 1 + 1e-5;
            return g;
        };
        // the planted error, 1e-5 of g[bad] = 0.6, moves g · d by 1.9e-8 (d's entries are ±1/sqrt(n) scaled by
        // max(1, |x_i|)); rtol applies to |g∘d|₂ = 1.93 here, so 5e-9 (not 1e-8) puts it above the tolerance
        GradCheck fast = GradCheck.withDefaults().richardson(4).step(1e-2).tolerance(1e-10, 5e-9).fast();
        GradCheck.Report ok = fast.checkGradient(f, grad, x);
        assertTrue(ok.passed(), ok::toString);
        assertEquals(1, ok.entries().size(), "one directional check, not one per input");
        GradCheck.Report r = fast.checkGradient(f, wrong, x);
        assertFalse(r.passed());
        assertEquals("x[" + bad + "]", r.worst().orElseThrow().input(), r::toString);
        assertEquals(List.of(0, bad), r.failures().stream().map(GradCheck.Entry::index).toList(), r::toString);
        assertTrue(r.method().contains("fast mode") && r.method().contains("order 4"), r.method());
        assertFalse(r.toString().contains("could not narrow"), r::toString);
    }

    @Test
    void fastModePassesARightGradientWhoseDirectionalDerivativeCancels() {
        // a sample SuppliedGradientProperties once drew: g · d is -0.0027 where its terms' root sum of
        // squares is about 1.5, and the numeric derivative along d is off by 1.8e-10 (its truncation error,
        // summed over the 839 inputs, does not cancel as g · d did): against 1e-10 + 1e-8 · |numeric| that
        // failed a right gradient; against the terms' size it passes, and a planted error is still named
        Random rng = new Random(319);
        double[] x = rng.doubles(839, -2, 2).toArray();
        int bad = rng.nextInt(839);
        GradCheck fast = GradCheck.withDefaults().richardson(4).step(1e-2).tolerance(1e-10, 1e-8).fast();
        GradCheck.Report ok = fast.checkGradient(SuppliedGradientTest::sumOfSinPlusHalfSquares,
                SuppliedGradientTest::itsGradient, x);
        assertTrue(ok.passed(), ok::toString);
        GradCheck.Entry direction = ok.entries().get(0);
        assertTrue(Math.abs(direction.analytic()) < 0.01 && direction.absError() > 1e-10 + 1e-8 * Math.abs(direction.numeric()),
                () -> "the sample no longer shows the cancellation: " + ok);
        GradCheck.Report r = fast.checkGradient(SuppliedGradientTest::sumOfSinPlusHalfSquares, v -> {
            double[] g = itsGradient(v);
            g[bad] += 1e-3 * (1 + Math.abs(g[bad]));
            return g;
        }, x);
        assertEquals(List.of("x[" + bad + "]"), r.failures().stream().skip(1).map(GradCheck.Entry::input).toList(), r::toString);
    }

    @Test
    void fastModeSaysSoWhenItCannotNarrowAFailingDirection() {
        // f = x0 + x1 + x2 + c·x0·x1·x2 at 0 has the gradient (1, 1, 1), and the one below is right. Along a
        // direction d that moves all three inputs, the cubic term adds c·d0·d1·d2·w² to the central difference
        // (w the line step); along any block of fewer inputs the product stays 0 and the difference is exact.
        // So the whole direction fails, neither half does, and bisection has nothing to follow.
        double c = 1e6;
        ToDoubleFunction<double[]> f = x -> x[0] + x[1] + x[2] + c * x[0] * x[1] * x[2];
        Function<double[], double[]> grad = x -> new double[] {1 + c * x[1] * x[2], 1 + c * x[0] * x[2], 1 + c * x[0] * x[1]};
        GradCheck checker = GradCheck.withDefaults().step(1e-2);
        GradCheck.Report fast = checker.fast().checkGradient(f, grad, 0, 0, 0);
        assertFalse(fast.passed(), fast::toString);
        assertEquals(List.of("direction over all 3 inputs"), fast.failures().stream().map(GradCheck.Entry::input).toList());
        assertEquals(1, fast.entries().size(), "nothing was named");
        assertTrue(fast.toString().contains("fast mode could not narrow the failing direction to single inputs;"
                + " check without fast()"), fast::toString);
        // and the advice is right: input by input, the same gradient passes
        GradCheck.Report full = checker.checkGradient(f, grad, 0, 0, 0);
        assertTrue(full.passed(), full::toString);
        assertFalse(full.toString().contains("could not narrow"), full::toString);
    }

    @Test
    void fastModeStopsNamingAfterSixteenWhenEverythingIsWrong() {
        double[] x = new Random(2).doubles(1000, -2, 2).toArray();
        GradCheck.Report r = GradCheck.withDefaults().fast().checkGradient(SuppliedGradientTest::sumOfSinPlusHalfSquares, v -> {
            double[] g = itsGradient(v);
            for (int i = 0; i < g.length; i++) {
                g[i] *= 2;
            }
            return g;
        }, x);
        assertEquals(1 + 16, r.failures().size(), r::toString);
        assertEquals(List.of(0, 1, 2), r.failures().stream().skip(1).limit(3).map(GradCheck.Entry::index).toList(),
                "the first inputs, in order");
    }

    static double sumOfSinPlusHalfSquares(double[] x) {
        double s = 0;
        for (double xi : x) {
            s += Math.sin(xi) + 0.5 * xi * xi;
        }
        return s;
    }

    static double[] itsGradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = Math.cos(x[i]) + x[i];
        }
        return g;
    }

    // ---- badly scaled: x0 near 1e8 (the function varies on a scale of 1e4 in it), x1 near 1e-8
    private static final double[] ILL = {1.2345e8, 3.1e-8};

    private static double illScaled(double[] x) {
        return Math.sin(x[0] * 1e-4) * Math.exp(x[1] * 1e4) + x[0] * x[1];
    }

    private static double[] illScaledGradient(double[] x) {
        return new double[] {1e-4 * Math.cos(x[0] * 1e-4) * Math.exp(x[1] * 1e4) + x[1],
            1e4 * Math.sin(x[0] * 1e-4) * Math.exp(x[1] * 1e4) + x[0]};
    }

    @Test
    void richardsonPassesABadlyScaledFunctionWherePlainCentralDifferencesFail() {
        GradCheck tight = GradCheck.withDefaults().tolerance(0, 1e-7);
        GradCheck.Report plain = tight.checkGradient(SuppliedGradientTest::illScaled, SuppliedGradientTest::illScaledGradient, ILL);
        assertFalse(plain.passed(), plain::toString);
        assertEquals(2, plain.order());
        for (int order : new int[] {4, 6}) {
            GradCheck.Report r = tight.richardson(order)
                    .checkGradient(SuppliedGradientTest::illScaled, SuppliedGradientTest::illScaledGradient, ILL);
            assertTrue(r.passed(), r::toString);
            assertEquals(order, r.order());
            assertTrue(r.toString().contains("order " + order + " (Richardson), step 1.0E-6 * max(1, |x_i|)"), r::toString);
            // and a gradient wrong by 1e-6 relative in either input is still caught
            for (int i = 0; i < 2; i++) {
                int at = i;
                GradCheck.Report wrong = tight.richardson(order).checkGradient(SuppliedGradientTest::illScaled, x -> {
                    double[] g = illScaledGradient(x);
                    g[at] *= 1 + 1e-6;
                    return g;
                }, ILL);
                assertEquals(List.of(at), wrong.failures().stream().map(GradCheck.Entry::index).toList(), wrong::toString);
            }
        }
    }

    // ---- Jacobians and tensor vjps

    /** A 2-input, 3-output function for the Jacobian checks (also used by SuppliedGradientBadInputTest). */
    static double[] polar(double[] x) {
        return new double[] {x[0] * Math.cos(x[1]), x[0] * Math.sin(x[1]), x[0] * x[0]};
    }

    /** The correct Jacobian of {@link #polar}. */
    static double[][] polarJacobian(double[] x) {
        return new double[][] {{Math.cos(x[1]), -x[0] * Math.sin(x[1])}, {Math.sin(x[1]), x[0] * Math.cos(x[1])},
            {2 * x[0], 0}};
    }

    @Test
    void jacobianCheckNamesTheWrongElement() {
        GradCheck.Report r = GradCheck.withDefaults().checkJacobian(SuppliedGradientTest::polar,
                SuppliedGradientTest::polarJacobian, 1.5, 0.7);
        assertTrue(r.passed(), r::toString);
        assertEquals(6, r.entries().size());
        GradCheck.Report wrong = GradCheck.withDefaults().checkJacobian(SuppliedGradientTest::polar, x -> {
            double[][] j = polarJacobian(x);
            j[1][0] = -j[1][0];
            return j;
        }, 1.5, 0.7);
        assertEquals(List.of("df[1]/dx[0]"), wrong.failures().stream().map(GradCheck.Entry::input).toList());
        GradCheck.Report fast = GradCheck.withDefaults().fast().checkJacobian(SuppliedGradientTest::polar, x -> {
            double[][] j = polarJacobian(x);
            j[1][0] = -j[1][0];
            return j;
        }, 1.5, 0.7);
        assertEquals("uᵀJ x[0]", fast.worst().orElseThrow().input(), fast::toString);
        GradCheck.assertJacobian(SuppliedGradientTest::polar, SuppliedGradientTest::polarJacobian, -0.4, 2.0);
    }

    @Test
    void jacobianOfTheWrongShapeIsRefusedWithBothSizes() {
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> GradCheck.withDefaults()
                .checkJacobian(SuppliedGradientTest::polar, x -> new double[2][2], 1, 2));
        assertTrue(rows.getMessage().contains("2 rows") && rows.getMessage().contains("3 outputs"), rows.getMessage());
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class, () -> GradCheck.withDefaults()
                .checkJacobian(SuppliedGradientTest::polar, x -> new double[3][1], 1, 2));
        assertTrue(cols.getMessage().contains("row 0 has 1 columns"), cols.getMessage());
        IllegalArgumentException grad = assertThrows(IllegalArgumentException.class, () -> GradCheck.withDefaults()
                .checkGradient(x -> x[0], x -> new double[3], 1, 2));
        assertTrue(grad.getMessage().contains("3 entries but there are 2 inputs"), grad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.withDefaults().checkGradient(x -> x[0], x -> x, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.withDefaults().richardson(3));
        assertThrows(NullPointerException.class, () -> GradCheck.withDefaults().checkGradient(x -> x[0], null, 1));
    }

    /** y = x·W for a 2x3 x and a fixed 3x2 W, then tanh: a kernel with its own backward. */
    private static final Tensor W = Tensor.constant(new double[] {0.5, -1, 0.25, 2, -0.75, 0.1}, 3, 2);

    private static Tensor layer(Tensor x) {
        return x.matmul(W).tanh();
    }

    private static Tensor layerVjp(Tensor x, Tensor upstream, boolean bug) {
        double[] y = layer(x).toArray(), u = upstream.toArray(), w = W.toArray(), xs = x.toArray();
        double[] g = new double[xs.length];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int k = 0; k < 2; k++) {
                    s += u[r * 2 + k] * (1 - y[r * 2 + k] * y[r * 2 + k]) * w[c * 2 + k];
                }
                g[r * 3 + c] = s;
            }
        }
        if (bug) {
            g[3] = -g[3]; // row 1, column 0
        }
        return Tensor.constant(g, 2, 3);
    }

    @Test
    void vjpCheckOfATensorKernelNamesTheWrongElement() {
        Tensor x = Tensor.constant(new double[] {0.3, -0.2, 0.9, 1.1, 0.4, -0.6}, 2, 3);
        GradCheck.Report r = GradCheck.withDefaults().checkVjp(SuppliedGradientTest::layer, (a, u) -> layerVjp(a, u, false), x);
        assertTrue(r.passed(), r::toString);
        assertEquals(6, r.entries().size());
        GradCheck.Report wrong = GradCheck.withDefaults().checkVjp(SuppliedGradientTest::layer, (a, u) -> layerVjp(a, u, true), x);
        assertEquals(List.of("x [1, 0]"), wrong.failures().stream().map(GradCheck.Entry::input).toList(), wrong::toString);
        GradCheck.Report fast = GradCheck.withDefaults().fast().checkVjp(SuppliedGradientTest::layer, (a, u) -> layerVjp(a, u, true), x);
        assertEquals("x [1, 0]", fast.worst().orElseThrow().input(), fast::toString);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> GradCheck.withDefaults()
                .checkVjp(SuppliedGradientTest::layer, (a, u) -> u, x));
        assertTrue(shape.getMessage().contains("[2, 2]") && shape.getMessage().contains("[2, 3]"), shape.getMessage());
        GradCheck.assertVjp(SuppliedGradientTest::layer, (a, u) -> layerVjp(a, u, false), x);
    }
}
