package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The loss options on random inputs: shapes [N, C] and [N, C, d1, d2], labels with ignored
 * ones, random class weights, smoothing, posWeight and every reduction. Gradients (first
 * order, and second order where smooth) against finite differences; values against plain
 * loops written from PyTorch's documented formulas (an oracle independent of the graph ops).
 */
class LossOptionsProperties {
    /** One random class-loss problem: scores, labels (some ignored), weights, smoothing, reduction. */
    static final class Problem {
        final int[] shape;
        final int c;
        final int inner;
        final Tensor scores;
        final int[] labels;
        final int ignore;
        final double[] weight;
        final double eps;
        final Reduction reduction;

        Problem(long seed, int n, int c, int extraDims, boolean mayIgnore) {
            Draw r = new Draw(seed);
            int[] s = new int[2 + extraDims];
            s[0] = n;
            s[1] = c;
            for (int i = 2; i < s.length; i++) {
                s[i] = 1 + r.rng().nextInt(2);
            }
            this.shape = s;
            this.c = c;
            this.inner = Draw.size(s) / (n * c);
            this.scores = r.tensor(-3, 3, s);
            int[] pick = {NllOptions.DEFAULT_IGNORE_INDEX, -1, 0};
            this.ignore = pick[r.rng().nextInt(pick.length)];
            this.labels = r.labels(n * inner, c);
            for (int i = 0; i < labels.length; i++) {
                if (mayIgnore && r.rng().nextInt(4) == 0) {
                    labels[i] = ignore;
                }
            }
            this.weight = r.rng().nextBoolean() ? r.uniform(c, 0.2, 2) : null;
            this.eps = r.rng().nextInt(3) == 0 ? 0 : r.rng().nextDouble();
            this.reduction = Reduction.values()[r.rng().nextInt(3)];
        }

        CrossEntropyOptions ce() {
            return CrossEntropyOptions.defaults().weight(weight).ignoreIndex(ignore).labelSmoothing(eps)
                    .reduction(reduction);
        }

        NllOptions nll() {
            return NllOptions.defaults().weight(weight).ignoreIndex(ignore).reduction(reduction);
        }

        double w(int k) {
            return weight == null ? 1 : weight[k];
        }

        /** log softmax over the classes of sample i (flat over [N, d1, ...]), class k. */
        double[] logP(double[] x, int i) {
            int n = i / inner;
            int k = i % inner;
            double[] v = new double[c];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                v[j] = x[(n * c + j) * inner + k];
                max = Math.max(max, v[j]);
            }
            double z = 0;
            for (int j = 0; j < c; j++) {
                z += Math.exp(v[j] - max);
            }
            for (int j = 0; j < c; j++) {
                v[j] -= max + Math.log(z);
            }
            return v;
        }

        /** The oracle: PyTorch's documented cross-entropy (logSoftmax true) or nll, per sample then reduced. */
        double[] expected(boolean logSoftmax, double smoothing) {
            double[] x = scores.toArray();
            double[] terms = new double[labels.length];
            double total = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == ignore) {
                    continue;
                }
                double[] lp = logSoftmax ? logP(x, i) : column(x, i);
                double smooth = 0;
                for (int j = 0; j < c; j++) {
                    smooth -= w(j) * lp[j];
                }
                terms[i] = (1 - smoothing) * -w(labels[i]) * lp[labels[i]] + smoothing / c * smooth;
                total += w(labels[i]);
            }
            return reduced(terms, total);
        }

        double[] column(double[] x, int i) {
            double[] v = new double[c];
            for (int j = 0; j < c; j++) {
                v[j] = x[(i / inner * c + j) * inner + i % inner];
            }
            return v;
        }

        double[] reduced(double[] terms, double divisor) {
            if (reduction == Reduction.NONE) {
                return terms;
            }
            double sum = 0;
            for (double t : terms) {
                sum += t;
            }
            return new double[] {reduction == Reduction.SUM ? sum : sum / divisor};
        }

        boolean anyKept() {
            for (int y : labels) {
                if (y != ignore) {
                    return true;
                }
            }
            return false;
        }
    }

    @Property(tries = 60)
    void crossEntropyWithOptionsMatchesTheFormulaAndFiniteDifferences(
            @ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 2, max = 4) int c,
            @ForAll @IntRange(min = 0, max = 2) int extraDims, @ForAll long seed) {
        Problem p = new Problem(seed, n, c, extraDims, true);
        Assume.that(p.reduction != Reduction.MEAN || p.anyKept());
        Tensor loss = Loss.crossEntropy(p.scores, p.labels, p.ce());
        assertArrayEquals(p.expected(true, p.eps), loss.toArray(), 1e-12, p.ce().toString());
        GradCheck.assertTensorGradients(v -> Loss.crossEntropy(v.get(0), p.labels, p.ce()), p.scores);
    }

    @Property(tries = 60)
    void nllWithOptionsMatchesTheFormulaAndFiniteDifferences(
            @ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 2, max = 4) int c,
            @ForAll @IntRange(min = 0, max = 2) int extraDims, @ForAll long seed) {
        Problem p = new Problem(seed, n, c, extraDims, true);
        Assume.that(p.reduction != Reduction.MEAN || p.anyKept());
        Tensor loss = Loss.nll(p.scores, p.labels, p.nll());
        assertArrayEquals(p.expected(false, 0), loss.toArray(), 1e-12, p.nll().toString());
        GradCheck.assertTensorGradients(v -> Loss.nll(v.get(0), p.labels, p.nll()), p.scores);
    }

    @Property(tries = 60)
    void crossEntropyAgainstProbabilitiesMatchesTheFormulaAndFiniteDifferences(
            @ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 2, max = 4) int c,
            @ForAll @IntRange(min = 0, max = 2) int extraDims, @ForAll long seed) {
        Problem p = new Problem(seed, n, c, extraDims, false);
        Tensor q = new Draw(~seed).tensor(0, 1, p.shape).softmax(1);
        CrossEntropyOptions o = CrossEntropyOptions.defaults().weight(p.weight).labelSmoothing(p.eps)
                .reduction(p.reduction);
        double[] x = p.scores.toArray();
        double[] qd = q.toArray();
        double[] terms = new double[p.labels.length];
        for (int i = 0; i < terms.length; i++) {
            double[] lp = p.logP(x, i);
            double[] qi = p.column(qd, i);
            for (int j = 0; j < c; j++) {
                terms[i] -= p.w(j) * ((1 - p.eps) * qi[j] + p.eps / c) * lp[j];
            }
        }
        assertArrayEquals(p.reduced(terms, terms.length), Loss.crossEntropy(p.scores, q, o).toArray(), 1e-12);
        // the soft target is differentiable too, as in PyTorch
        GradCheck.assertTensorGradients(v -> Loss.crossEntropy(v.get(0), v.get(1), o), p.scores, q);
    }

    @Property(tries = 60)
    void binaryCrossEntropyWithLogitsWeightsMatchTheFormulaAndFiniteDifferences(
            @ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 4) int c, @ForAll long seed) {
        Draw r = new Draw(seed);
        Tensor x = r.tensor(-4, 4, n, c);
        Tensor t = r.tensor(0, 1, n, c);
        // a full weight, a row weight broadcast over samples, or none; the same for posWeight
        int wKind = r.rng().nextInt(3);
        Tensor w = wKind == 0 ? null : wKind == 1 ? r.tensor(0, 2, n, c) : r.tensor(0, 2, c);
        Tensor pw = r.rng().nextBoolean() ? null : r.tensor(0.2, 4, c);
        Reduction red = Reduction.values()[r.rng().nextInt(3)];
        BinaryCrossEntropyOptions o = BinaryCrossEntropyOptions.defaults().weight(w).posWeight(pw).reduction(red);
        double[] xd = x.toArray();
        double[] td = t.toArray();
        double[] terms = new double[xd.length];
        for (int i = 0; i < terms.length; i++) {
            double s = 1 / (1 + Math.exp(-xd[i]));
            double wi = w == null ? 1 : w.toArray()[w.size() == terms.length ? i : i % c];
            double pi = pw == null ? 1 : pw.toArray()[i % c];
            terms[i] = -wi * (pi * td[i] * Math.log(s) + (1 - td[i]) * Math.log(1 - s));
        }
        double[] expected = red == Reduction.NONE ? terms
                : new double[] {java.util.Arrays.stream(terms).sum() / (red == Reduction.SUM ? 1 : terms.length)};
        assertArrayEquals(expected, Loss.binaryCrossEntropyWithLogits(x, t, o).toArray(), 1e-12, o.toString());
        GradCheck.assertTensorGradients(v -> Loss.binaryCrossEntropyWithLogits(v.get(0), v.get(1), o), x, t);
        GradCheck.assertTensorSecondOrder(v -> Loss.binaryCrossEntropyWithLogits(v.get(0), v.get(1), o), x, t);
    }

    @Property(tries = 40)
    void weightedBinaryCrossEntropyGradients(@ForAll @IntRange(min = 1, max = 3) int n, @ForAll long seed) {
        Draw r = new Draw(seed);
        BinaryCrossEntropyOptions o = BinaryCrossEntropyOptions.defaults().weight(r.tensor(0, 2, 3))
                .reduction(Reduction.values()[r.rng().nextInt(3)]);
        Tensor p = r.tensor(0.05, 0.95, n, 3);
        Tensor t = r.tensor(0, 1, n, 3);
        GradCheck.assertTensorGradients(v -> Loss.binaryCrossEntropy(v.get(0), v.get(1), o), p, t);
        GradCheck.assertTensorSecondOrder(v -> Loss.binaryCrossEntropy(v.get(0), v.get(1), o), p, t);
    }

    /** Cross-entropy with every option is smooth in the logits (and the soft target): its gradient differentiates again. */
    @Property(tries = 20)
    void crossEntropyOptionsHaveSecondOrderGradients(@ForAll @IntRange(min = 1, max = 2) int n,
                                                     @ForAll @IntRange(min = 2, max = 3) int c,
                                                     @ForAll @IntRange(min = 0, max = 1) int extraDims, @ForAll long seed) {
        Problem p = new Problem(seed, n, c, extraDims, true);
        Assume.that(p.reduction != Reduction.MEAN || p.anyKept());
        GradCheck.assertTensorSecondOrder(v -> Loss.crossEntropy(v.get(0), p.labels, p.ce()), p.scores);
        Tensor q = new Draw(~seed).tensor(0, 1, p.shape).softmax(1);
        CrossEntropyOptions o = CrossEntropyOptions.defaults().weight(p.weight).labelSmoothing(p.eps)
                .reduction(p.reduction);
        GradCheck.assertTensorSecondOrder(v -> Loss.crossEntropy(v.get(0), v.get(1), o), p.scores, q);
    }

    /** NONE holds the terms that SUM adds up and MEAN divides by the summed weights of the labels kept. */
    @Property(tries = 40)
    void reductionsAgree(@ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 2, max = 4) int c,
                         @ForAll @IntRange(min = 0, max = 2) int extraDims, @ForAll long seed) {
        Problem p = new Problem(seed, n, c, extraDims, true);
        Assume.that(p.anyKept());
        CrossEntropyOptions o = p.ce();
        Tensor none = Loss.crossEntropy(p.scores, p.labels, o.reduction(Reduction.NONE));
        int[] sampleShape = new int[p.shape.length - 1];
        sampleShape[0] = n;
        System.arraycopy(p.shape, 2, sampleShape, 1, sampleShape.length - 1);
        assertArrayEquals(sampleShape, none.shape());
        double sum = Loss.crossEntropy(p.scores, p.labels, o.reduction(Reduction.SUM)).item();
        assertEquals(none.sum().item(), sum, 1e-12);
        double total = 0;
        for (int y : p.labels) {
            total += y == p.ignore ? 0 : p.w(y);
        }
        assertEquals(sum / total, Loss.crossEntropy(p.scores, p.labels, o.reduction(Reduction.MEAN)).item(), 1e-12);
    }

    /**
     * Each ScalarLoss gives its Loss twin's value and gradient, for every reduction (NONE
     * through the Terms lists), with probabilities that may sit exactly at 0 or 1 and logits up to ±40.
     */
    @Property(tries = 60)
    void scalarAndTensorLossesAgree(@ForAll @IntRange(min = 1, max = 5) int n, @ForAll long seed) {
        Draw r = new Draw(seed);
        double[] x = r.uniform(n, -40, 40);
        double[] p = r.uniform(n, 0, 1);
        double[] t = r.uniform(n, 0, 1);
        double[] pm = new double[n];
        for (int i = 0; i < n; i++) {
            int k = r.rng().nextInt(4);
            p[i] = k == 0 ? 0 : k == 1 ? 1 : p[i];
            pm[i] = r.rng().nextBoolean() ? 1 : -1;
        }
        Reduction red = Reduction.values()[r.rng().nextInt(3)];
        agree("mse", x, v -> ScalarLoss.mseTerms(v, t), v -> ScalarLoss.mse(v, t, red),
                v -> Loss.mse(v, Tensor.constant(t, n), red), red);
        agree("hinge", x, v -> ScalarLoss.hingeTerms(v, pm), v -> ScalarLoss.hinge(v, pm, red),
                v -> Loss.hinge(v, Tensor.constant(pm, n), red), red);
        agree("binaryCrossEntropy", p, v -> ScalarLoss.binaryCrossEntropyTerms(v, t),
                v -> ScalarLoss.binaryCrossEntropy(v, t, red),
                v -> Loss.binaryCrossEntropy(v, Tensor.constant(t, n), red), red);
        agree("binaryCrossEntropyWithLogits", x, v -> ScalarLoss.binaryCrossEntropyWithLogitsTerms(v, t),
                v -> ScalarLoss.binaryCrossEntropyWithLogits(v, t, red),
                v -> Loss.binaryCrossEntropyWithLogits(v, Tensor.constant(t, n), red), red);
        int[] y = r.labels(n, 3);
        double[] logits = r.uniform(3 * n, -40, 40);
        java.util.function.Function<List<Value>, List<List<Value>>> rows = v -> {
            List<List<Value>> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(v.subList(3 * i, 3 * i + 3));
            }
            return out;
        };
        agree("crossEntropy", logits, v -> ScalarLoss.crossEntropyTerms(rows.apply(v), y),
                v -> ScalarLoss.crossEntropy(rows.apply(v), y, red),
                v -> Loss.crossEntropy(v.reshape(n, 3), y, red), red);
    }

    /** The scalar cross-entropy and BCE-with-logits with options give the tensor ones' values and gradients. */
    @Property(tries = 60)
    void scalarAndTensorLossOptionsAgree(@ForAll @IntRange(min = 1, max = 4) int n,
                                         @ForAll @IntRange(min = 2, max = 4) int c, @ForAll long seed) {
        Problem p = new Problem(seed, n, c, 0, true);
        Assume.that(p.reduction != Reduction.MEAN || p.anyKept());
        java.util.function.Function<List<Value>, List<List<Value>>> rows = v -> {
            List<List<Value>> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(v.subList(c * i, c * i + c));
            }
            return out;
        };
        agree("crossEntropy " + p.ce(), p.scores.toArray(),
                v -> ScalarLoss.crossEntropyTerms(rows.apply(v), p.labels, p.ce()),
                v -> ScalarLoss.crossEntropy(rows.apply(v), p.labels, p.ce()),
                v -> Loss.crossEntropy(v.reshape(n, c), p.labels, p.ce()), p.reduction);
        Draw r = new Draw(~seed);
        double[] x = r.uniform(n, -30, 30);
        double[] t = r.uniform(n, 0, 1);
        BinaryCrossEntropyOptions o = BinaryCrossEntropyOptions.defaults().reduction(p.reduction)
                .weight(r.rng().nextBoolean() ? r.tensor(0, 2, n) : r.tensor(0, 2, 1))
                .posWeight(r.rng().nextBoolean() ? null : r.tensor(0.2, 4, n));
        agree("binaryCrossEntropyWithLogits " + o, x, v -> ScalarLoss.binaryCrossEntropyWithLogitsTerms(v, t, o),
                v -> ScalarLoss.binaryCrossEntropyWithLogits(v, t, o),
                v -> Loss.binaryCrossEntropyWithLogits(v, Tensor.constant(t, n), o), p.reduction);
    }

    private static void agree(String name, double[] x, java.util.function.Function<List<Value>, List<Value>> terms,
                              java.util.function.Function<List<Value>, Value> scalar,
                              java.util.function.Function<Tensor, Tensor> tensor, Reduction red) {
        List<Value> v = Value.listOf(x);
        Tensor xt = Tensor.of(x, x.length);
        Tensor lt = tensor.apply(xt);
        double[] seed = new double[lt.size()];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = 1 + 0.5 * i;
        }
        Value ls;
        if (red == Reduction.NONE) {
            List<Value> ts = terms.apply(v);
            assertArrayEquals(lt.toArray(), ts.stream().mapToDouble(Value::data).toArray(), 1e-12, name);
            List<Value> weighted = new ArrayList<>();
            for (int i = 0; i < ts.size(); i++) {
                weighted.add(ts.get(i).mul(seed[i]));
            }
            ls = Value.sum(weighted);
        } else {
            ls = scalar.apply(v);
            assertEquals(lt.item(), ls.data(), 1e-12 * Math.max(1, Math.abs(ls.data())), name);
        }
        ls.backward();
        lt.backward(Tensor.constant(seed, lt.shape()));
        assertArrayEquals(xt.grad().toArray(), v.stream().mapToDouble(Value::grad).toArray(), 1e-12, name + " gradient");
    }
}
