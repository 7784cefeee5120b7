package dev.chainrule.autograd;

import dev.chainrule.testkit.TensorArbitraries;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.RegistryTesting.BinaryCase;
import dev.chainrule.autograd.RegistryTesting.UnaryCase;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * float32 tensors: every op keeps float32 (the registry's ops and the structural ones),
 * computes what float64 computes on the same (rounded) inputs and rounds once, and gives
 * float32 gradients close to float64's; PyTorch's promotion for mixed operands; casts that
 * differentiate; storage, views, writes and printing in float32.
 */
class Float32Properties {
    /** float32 gradients against float64 ones: rules run on rounded inputs and outputs. */
    private static final double RTOL = 2e-4, ATOL = 2e-5;

    // ---------------------------------------------------------------- the registry's ops

    @Provide
    Arbitrary<UnaryCase> unaryCases() {
        return RegistryTesting.unaryCases();
    }

    @Provide
    Arbitrary<BinaryCase> binaryCases() {
        return RegistryTesting.binaryCases();
    }

    @Property(tries = 150)
    void unaryOpsOnFloat32AreFloat64RoundedOnce(@ForAll("unaryCases") UnaryCase c) {
        Tensor x64 = rounded(c.x());
        Tensor x32 = x64.toLeaf().to(DType.F32).detach().toLeaf();
        Tensor y64 = c.op().apply(x64, c.p());
        Tensor y32 = c.op().apply(x32, c.p());
        assertEquals(DType.F32, y32.dtype(), c::toString);
        assertArrayEquals(Kernels32.round(y64.toArray()), y32.toArray(), c::toString);
        y64.sum().backward();
        y32.sum().backward();
        assertGradientsClose(x64, x32, c.toString());
    }

    @Property(tries = 150)
    void binaryOpsOnFloat32BroadcastAndRoundOnce(@ForAll("binaryCases") BinaryCase c) {
        Tensor a64 = rounded(c.a()), b64 = rounded(c.b());
        Tensor a32 = a64.to(DType.F32).detach().toLeaf(), b32 = b64.to(DType.F32).detach().toLeaf();
        Tensor y64 = c.op().apply(a64, b64);
        Tensor y32 = c.op().apply(a32, b32);
        assertEquals(DType.F32, y32.dtype(), c::toString);
        assertArrayEquals(Kernels32.round(y64.toArray()), y32.toArray(), c::toString);
        y64.sum().backward();
        y32.sum().backward();
        assertGradientsClose(a64, a32, c + " (a)");
        assertGradientsClose(b64, b32, c + " (b)");
    }

    @Provide
    Arbitrary<TensorArbitraries.TensorPair> pairs() {
        return TensorArbitraries.broadcastTensorPairs(-3, 3);
    }

    /** The float32 loops of arithmetic, sums and broadcasts agree bit for bit with float64 rounded once. */
    @Property(tries = 100)
    void float32KernelsAreFloat64RoundedOnce(@ForAll("pairs") TensorArbitraries.TensorPair p, @ForAll double c) {
        Tensor a64 = rounded(p.a()), b64 = rounded(p.b());
        Tensor a32 = a64.to(DType.F32), b32 = b64.to(DType.F32);
        Map<String, java.util.function.BinaryOperator<Tensor>> ops = new LinkedHashMap<>();
        ops.put("add", Tensor::add);
        ops.put("sub", Tensor::sub);
        ops.put("mul", Tensor::mul);
        ops.put("div", Tensor::div);
        ops.put("add(c)", (x, y) -> x.add(c));
        ops.put("mul(c)", (x, y) -> x.mul(c));
        ops.put("div(c)", (x, y) -> x.div(c));
        ops.put("neg", (x, y) -> x.neg());
        ops.put("sum", (x, y) -> x.sum());
        ops.put("sumTo", (x, y) -> x.sumTo(firstAxisSummed(x.shape())));
        ops.put("expand", (x, y) -> x.expand(x.add(y).shape()));
        ops.put("tanh", (x, y) -> x.tanh());
        for (Map.Entry<String, java.util.function.BinaryOperator<Tensor>> op : ops.entrySet()) {
            Tensor y32 = op.getValue().apply(a32, b32), y64 = op.getValue().apply(a64, b64);
            assertEquals(DType.F32, y32.dtype(), op.getKey());
            assertArrayEquals(Kernels32.round(y64.toArray()), y32.toArray(), op.getKey() + " of " + p);
        }
    }

    // ---------------------------------------------------------------- everything else

    /** Ops outside the registry, each on a float32 [3, 4] (or square) input. */
    private static Map<String, UnaryOperator<Tensor>> structuralOps() {
        Map<String, UnaryOperator<Tensor>> ops = new LinkedHashMap<>();
        ops.put("sum", Tensor::sum);
        ops.put("sum(1)", t -> t.sum(1));
        ops.put("mean(0)", t -> t.mean(0));
        ops.put("var", Tensor::var);
        ops.put("std(1)", t -> t.std(1));
        ops.put("max(1)", t -> t.max(1));
        ops.put("logSumExp(1)", t -> t.logSumExp(1));
        ops.put("softmax(1)", t -> t.softmax(1));
        ops.put("logSoftmax(0)", t -> t.logSoftmax(0));
        ops.put("prod(1)", t -> t.prod(1));
        ops.put("norm(2)", t -> t.norm(2));
        ops.put("cumsum(1)", t -> t.cumsum(1));
        ops.put("transpose", t -> t.transpose(0, 1));
        ops.put("reshape", t -> t.reshape(4, 3));
        ops.put("view", t -> t.view(12));
        ops.put("unsqueeze", t -> t.unsqueeze(0));
        ops.put("slice", t -> t.slice(1, 1, 3));
        ops.put("flip", t -> t.flip(1));
        ops.put("roll", t -> t.roll(1, 1));
        ops.put("pad", t -> t.pad(new int[][] {{1, 0}, {0, 2}}, 0.5));
        ops.put("repeat", t -> t.repeat(2, 1));
        ops.put("tril", t -> t.tril(0));
        ops.put("expand", t -> t.unsqueeze(0).expand(2, 3, 4));
        ops.put("gather", t -> t.gather(1, Tensor.constant(new double[] {0, 3, 1}, 3, 1)));
        ops.put("matmul", t -> t.matmul(t.transpose(0, 1)));
        ops.put("matmul vector", t -> t.matmul(t.sum(0)));
        ops.put("batched matmul", t -> t.reshape(3, 2, 2).matmul(t.reshape(3, 2, 2)));
        ops.put("affineRelu", t -> t.affineRelu(t.transpose(0, 1), t.sum(1)));
        ops.put("linear", t -> t.linear(t, t.sum(1))); // w [out 3, in 4]
        ops.put("linearRelu", t -> t.linearRelu(t, t.sum(1)));
        ops.put("linear without bias", t -> t.linear(t.slice(0, 0, 2)));
        ops.put("einsum", t -> Tensor.einsum("ij,kj->ik", t, t));
        ops.put("maskedFill", t -> t.maskedFill(t.gt(0.3), -1));
        ops.put("where", t -> Tensor.where(t.gt(0), t, t.mul(0.1)));
        ops.put("clamp", t -> t.clamp(-0.5, 0.5));
        ops.put("pow(double)", t -> t.abs().add(0.5).pow(1.5));
        ops.put("mul(scalar tensor)", t -> t.mul(Tensor.scalar(2)));
        ops.put("det", t -> Linalg.det(t.slice(1, 0, 3)));
        ops.put("inv", t -> Linalg.inv(t.slice(1, 0, 3).add(Tensor.eye(3).mul(3).to(t.dtype()))));
        ops.put("diagonal", t -> t.slice(1, 0, 3).diagonal());
        ops.put("sort", t -> t.sort(1, true).values());
        return ops;
    }

    @Property(tries = 30)
    void structuralOpsKeepFloat32AndMatchFloat64(@ForAll long seed) {
        Random rng = new Random(seed);
        double[] raw = new double[12];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rng.nextGaussian();
        }
        for (Map.Entry<String, UnaryOperator<Tensor>> op : structuralOps().entrySet()) {
            String name = op.getKey();
            Tensor x64 = Tensor.of(Kernels32.round(raw), 3, 4);
            Tensor x32 = Tensor.of(Kernels32.floats(raw), 3, 4);
            Tensor y64 = op.getValue().apply(x64);
            Tensor y32 = op.getValue().apply(x32);
            assertEquals(DType.F32, y32.dtype(), name);
            assertArrayEquals(y64.shape(), y32.shape(), name);
            double[] e = y64.toArray(), a = y32.toArray();
            for (int i = 0; i < e.length; i++) {
                // products and sums run in float32 inside sgemm; elsewhere float64 rounded once
                assertTrue(Math.abs(e[i] - a[i]) <= 1e-5 * (1 + Math.abs(e[i])),
                        name + " element " + i + ": float64 " + e[i] + ", float32 " + a[i]);
            }
            Tensor r = Tensor.constant(gaussians(rng, y64.size()), y64.shape());
            y64.mul(r).sum().backward();
            y32.mul(r).sum().backward();
            assertGradientsClose(x64, x32, name);
        }
    }

    @Test
    void sumsAccumulateInFloat64() {
        float[] tenths = new float[1_000_000];
        Arrays.fill(tenths, 0.1f);
        // a float32 running sum drifts by ~1 %; float64 accumulation rounds once
        assertEquals((float) (1_000_000 * (double) 0.1f), Tensor.constant(tenths, tenths.length).sum().item(), 0);
    }

    // ---------------------------------------------------------------- promotion and casts

    @Test
    void promotionFollowsPyTorch() {
        Tensor v32 = Tensor.ones(DType.F32, 3), v64 = Tensor.ones(3);
        Tensor s32 = Tensor.full(DType.F32, 2, new int[0]), s64 = Tensor.scalar(2);
        assertEquals(DType.F64, v32.add(v64).dtype(), "two dimensioned tensors: the wider");
        assertEquals(DType.F64, v64.mul(v32).dtype());
        assertEquals(DType.F32, v32.mul(s64).dtype(), "a 0-d float64 tensor takes the dimensioned operand's type");
        assertEquals(DType.F64, s32.mul(v64).dtype());
        assertEquals(DType.F64, s32.add(s64).dtype(), "all 0-d: the wider");
        assertEquals(DType.F32, s32.add(s32).dtype());
        assertEquals(DType.F32, v32.mul(2.0).dtype(), "a double argument never promotes");
        assertEquals(DType.F64, v32.matmul(v64).dtype());
        assertEquals(DType.F32, v32.gt(0).dtype(), "a comparison's mask has its operands' type");
        assertEquals(DType.F64, v32.argmax(0).dtype(), "indices stay float64, exact beyond 2^24");
    }

    @Test
    void mixedOperandsGetGradientsOfTheirOwnType() {
        Tensor a = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor b = Tensor.of(new double[] {0.5, 0.25, 0.125}, 3);
        Tensor s = Tensor.of(new double[] {3}, new int[0]);
        a.mul(b).sum().add(a.mul(s).sum()).backward();
        assertEquals(DType.F32, a.grad().dtype());
        assertEquals(DType.F64, b.grad().dtype());
        assertEquals(DType.F64, s.grad().dtype());
        assertArrayEquals(new double[] {3.5, 3.25, 3.125}, a.grad().toArray());
        assertArrayEquals(new double[] {1, 2, 3}, b.grad().toArray());
        assertEquals(6, s.grad().item());
    }

    @Test
    void castsDifferentiateAndRound() {
        Tensor x = Tensor.of(new double[] {0.1, 1e-50, 3}, 3);
        Tensor x32 = x.to(DType.F32);
        assertEquals(DType.F32, x32.dtype());
        assertArrayEquals(new double[] {0.1f, 0, 3}, x32.toArray());
        assertSame(x32, x32.to(DType.F32));
        x32.mul(2).to(DType.F64).sum().backward();
        assertEquals(DType.F64, x.grad().dtype());
        assertArrayEquals(new double[] {2, 2, 2}, x.grad().toArray());
    }

    @Test
    void secondOrderThroughFloat32() {
        Tensor x = Tensor.of(new float[] {0.5f, -1.5f}, 2);
        Tensor y = x.mul(x).mul(x).sum();
        List<Tensor> g = Autograd.grad(List.of(y), List.of(x), null, true, true);
        assertEquals(DType.F32, g.get(0).dtype());
        g.get(0).sum().backward();
        assertArrayEquals(new double[] {3, -9}, x.grad().toArray(), 1e-6); // 6x
    }

    // ---------------------------------------------------------------- storage

    @Test
    void factoriesMakeFloat32() {
        assertEquals(DType.F32, Tensor.zeros(DType.F32, 2, 3).dtype());
        assertEquals(DType.F64, Tensor.zeros(DType.F64, 2).dtype());
        Tensor r = Tensor.randn(new Random(1), DType.F32, 4);
        assertTrue(r.requiresGrad());
        assertArrayEquals(Kernels32.round(Tensor.randn(new Random(1), 4).toArray()), r.toArray());
        assertTrue(Tensor.rand(new Random(2), DType.F32, 3).requiresGrad());
        assertEquals(0.1f, Tensor.full(DType.F32, 0.1, 2).get(1), 0);
        assertEquals(DType.F32, Tensor.constant(new float[] {1}, 1).dtype());
        assertEquals(DType.F32, Tensor.of(new float[] {1}, 1).toLeaf().dtype());
        assertEquals(4, DType.F32.bytes());
        assertEquals(DType.F32, DType.parse("f32"));
        assertEquals(DType.F64, DType.parse("float64"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DType.parse("f16"));
        assertTrue(e.getMessage().contains("f16") && e.getMessage().contains("f32"), e.getMessage());
    }

    @Test
    void writesRoundToFloat32AndCountOnSharedStorage() {
        Tensor w = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor y = w.mul(w).sum();
        w.detach().update(d -> d[0] = 0.1);
        assertEquals(0.1f, w.get(0), 0); // detach shares the float storage
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
        w.setData(new double[] {1.0 / 3, 0, 0});
        assertEquals((float) (1.0 / 3), w.get(0), 0);
        Tensor v = w.view(1, 3);
        w.detach().update(d -> d[2] = 7);
        assertEquals(7, v.get(0, 2), 0); // a view of a float32 tensor is a view
    }

    @Test
    void printsItsType() {
        String s = Tensor.of(new float[] {1.5f, 2}, 2).toString();
        assertTrue(s.contains("dtype=float32"), s);
        assertTrue(!Tensor.of(new double[] {1.5, 2}, 2).toString().contains("dtype"));
    }

    @Test
    void gradCheckWidensFloat32InputsAndSaysSo() {
        Tensor x = Tensor.of(new float[] {0.3f, -0.7f}, 2);
        GradCheck.Report r = GradCheck.withDefaults().checkTensors(in -> in.get(0).tanh().sum(), x);
        assertTrue(r.passed(), r::toString);
        assertTrue(r.toString().contains("float32 inputs, checked in float64"), r::toString);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.withDefaults().checkTensors(in -> in.get(0).to(DType.F32).sum(), x));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    private static int[] firstAxisSummed(int[] shape) {
        int[] t = shape.clone();
        if (t.length > 0) {
            t[0] = 1;
        }
        return t;
    }

    private static Tensor rounded(Tensor t) {
        return Tensor.of(Kernels32.round(t.toArray()), t.shape());
    }

    private static double[] gaussians(Random rng, int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = rng.nextGaussian();
        }
        return r;
    }

    private static void assertGradientsClose(Tensor x64, Tensor x32, String what) {
        if (x64.grad() == null) {
            assertEquals(null, x32.grad(), what);
            return;
        }
        assertEquals(DType.F32, x32.grad().dtype(), what);
        double[] e = x64.grad().toArray(), a = x32.grad().toArray();
        for (int i = 0; i < e.length; i++) {
            if (!Double.isFinite(e[i])) {
                continue; // a float32 overflow or a pole: nothing to compare
            }
            double tol = ATOL + RTOL * Math.abs(e[i]);
            assertTrue(Math.abs(e[i] - a[i]) <= tol, what + ": gradient " + i + " float64 " + e[i] + ", float32 " + a[i]);
        }
    }

    /** Rounding helpers: what float32 storage holds. */
    private static final class Kernels32 {
        static double[] round(double[] x) {
            double[] r = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                r[i] = (float) x[i];
            }
            return r;
        }

        static float[] floats(double[] x) {
            float[] r = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                r[i] = (float) x[i];
            }
            return r;
        }
    }
}
