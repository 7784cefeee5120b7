package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optimizers on float32 parameters against PyTorch 1.13 training float32 parameters:
 * {@code src/test/python/torch_optim_f32_reference.py} wrote {@code optim/torch_f32_reference.json}
 * (the quadratic of {@link TorchReferenceTest}, 100 steps, and L-BFGS on a least-squares problem).
 * The parameters stay float32 after every step. chainrule keeps the optimizer state in float64
 * and rounds the parameter once per step, where PyTorch keeps the state and does the update in
 * float32, so the trajectories agree to float32 precision rather than bit for bit: each coordinate
 * within {@link #TOL} relative to max(1, |value|) after every step, L-BFGS within {@link #LBFGS_TOL}.
 */
class Float32OptimizerReferenceTest {
    /** 100 steps each rounding to float32 (ulp 6e-8 at 1): room for a few dozen ulps of drift. */
    static final double TOL = 2e-5;
    /**
     * L-BFGS divides by curvature products (y·s, y·y) of float32 differences, so its iterates
     * drift further: PyTorch's own float32 and float64 runs of these configurations differ by up
     * to 3e-5; chainrule's float32 run differs from PyTorch's by 3e-5 (Wolfe) and 1.2e-4 (the
     * fixed step 0.3, 30 iterations each rounding the parameter to float32).
     */
    static final double LBFGS_TOL = 3e-4;
    static JsonNode ref;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Float32OptimizerReferenceTest.class.getResourceAsStream("/optim/torch_f32_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
    }

    static final Map<String, Function<List<Parameter>, Optimizer>> CONFIGS = Map.ofEntries(
            Map.entry("sgd_plain", p -> SGD.of(p).lr(0.1)),
            Map.entry("sgd_momentum", p -> SGD.of(p).lr(0.05).momentum(0.9)),
            Map.entry("sgd_wd_nesterov", p -> SGD.of(p).lr(0.03).momentum(0.7).nesterov(true).weightDecay(0.1)),
            Map.entry("rmsprop_default", RMSprop::of),
            Map.entry("rmsprop_all", p -> RMSprop.of(p).lr(0.005).alpha(0.95).eps(1e-6).weightDecay(0.05).momentum(0.5)
                    .centered(true)),
            Map.entry("adam_default", Adam::of),
            Map.entry("adam_all", p -> Adam.of(p).lr(0.05).eps(1e-3).weightDecay(0.2).amsgrad(true)),
            Map.entry("adamw_default", p -> AdamW.of(p).lr(0.02)),
            Map.entry("adamw_all", p -> AdamW.of(p).lr(0.03).weightDecay(0.5).amsgrad(true).betas(0.85, 0.995)));

    static float[] floats(JsonNode array) {
        float[] f = new float[array.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) array.get(i).asDouble();
        }
        return f;
    }

    static void assertClose(JsonNode expected, Tensor got, String what) {
        assertClose(expected, got, what, TOL);
    }

    static void assertClose(JsonNode expected, Tensor got, String what, double tol) {
        assertEquals(DType.F32, got.dtype(), what + ": the parameter stays float32");
        float[] g = got.toFloatArray();
        assertEquals(expected.size(), g.length, what);
        for (int i = 0; i < g.length; i++) {
            double e = expected.get(i).asDouble();
            assertEquals(e, g[i], tol * Math.max(1, Math.abs(e)), what + ", coordinate " + i);
        }
    }

    @Test
    void everyAlgorithmTrainsFloat32ParametersAlongPyTorchsFloat32Trajectory() {
        float[] a = floats(ref.get("a"));
        float[] c = floats(ref.get("c"));
        JsonNode all = ref.get("trajectories");
        assertEquals(CONFIGS.keySet(), TorchReferenceTest.iterableToSet(all.fieldNames()));
        CONFIGS.forEach((name, make) -> {
            Tensor w = Tensor.of(floats(ref.get("theta0")), 3);
            Optimizer opt = make.apply(List.of(Parameter.of(w)));
            JsonNode steps = all.get(name);
            for (int t = 0; t < steps.size(); t++) {
                opt.zeroGrad();
                float[] th = w.toFloatArray();
                float[] g = new float[3];
                for (int i = 0; i < 3; i++) {
                    g[i] = a[i] * (th[i] - c[i]); // in float, as PyTorch computes it
                }
                w.mul(Tensor.constant(g, 3)).sum().backward();
                assertEquals(DType.F32, w.grad().dtype());
                opt.step();
                assertClose(steps.get(t), w, name + ", step " + (t + 1));
            }
        });
    }

    @Test
    void lbfgsTrainsAFloat32ParameterAlongPyTorchsFloat32Run() {
        JsonNode rows = ref.get("lsq_a");
        float[] flatA = new float[rows.size() * 3];
        for (int r = 0; r < rows.size(); r++) {
            for (int k = 0; k < 3; k++) {
                flatA[r * 3 + k] = (float) rows.get(r).get(k).asDouble();
            }
        }
        Tensor matrix = Tensor.constant(flatA, rows.size(), 3);
        Tensor target = Tensor.constant(floats(ref.get("lsq_c")), rows.size());
        ref.get("lbfgs").fields().forEachRemaining(e -> {
            JsonNode o = e.getValue().get("options");
            Tensor x = Tensor.zeros(DType.F32, 3).toLeaf();
            LBFGS opt = LBFGS.of(List.of(Parameter.of(x))).maxIter(o.get("max_iter").asInt())
                    .historySize(o.get("history_size").asInt());
            if (o.has("lr")) {
                opt.lr(o.get("lr").asDouble());
            }
            if (o.has("max_eval")) {
                opt.maxEval(o.get("max_eval").asInt());
            }
            if (o.has("line_search_fn")) {
                opt.lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
            }
            JsonNode after = e.getValue().get("after");
            for (int s = 0; s < after.size(); s++) {
                opt.step(() -> {
                    opt.zeroGrad();
                    Tensor r = matrix.matmul(x).sub(target);
                    Tensor loss = r.mul(r).sum().mul(0.5);
                    assertEquals(DType.F32, loss.dtype());
                    loss.backward();
                    return loss.item();
                });
                assertClose(after.get(s), x, e.getKey() + ", step " + (s + 1), LBFGS_TOL);
            }
        });
    }
}
