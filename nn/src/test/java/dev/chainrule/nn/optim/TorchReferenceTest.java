package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The optimizers, schedules and clipping against numbers produced by PyTorch 1.13 itself:
 * {@code src/test/python/torch_optim_reference.py} ran each option set for 100 steps on the
 * quadratic of {@link OptimizerTrajectoryTest} and wrote {@code optim/torch_reference.json}.
 * This complements the formula-derived trajectories: there the rules of the issue, here the
 * reference implementation. Every coordinate after every step agrees to 1e-12.
 */
class TorchReferenceTest {
    static JsonNode ref;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = TorchReferenceTest.class.getResourceAsStream("/optim/torch_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
    }

    static final Map<String, Function<List<Parameter>, Optimizer>> CONFIGS = Map.ofEntries(
            Map.entry("sgd_plain", p -> SGD.of(p).lr(0.1)),
            Map.entry("sgd_momentum", p -> SGD.of(p).lr(0.05).momentum(0.9)),
            Map.entry("sgd_dampening", p -> SGD.of(p).lr(0.05).momentum(0.8).dampening(0.3)),
            Map.entry("sgd_nesterov", p -> SGD.of(p).lr(0.05).momentum(0.9).nesterov(true)),
            Map.entry("sgd_wd_nesterov", p -> SGD.of(p).lr(0.03).momentum(0.7).nesterov(true).weightDecay(0.1)),
            Map.entry("rmsprop_default", RMSprop::of),
            Map.entry("rmsprop_centered", p -> RMSprop.of(p).lr(0.01).alpha(0.9).centered(true)),
            Map.entry("rmsprop_momentum", p -> RMSprop.of(p).lr(0.005).momentum(0.9)),
            Map.entry("rmsprop_all", p -> RMSprop.of(p).lr(0.005).alpha(0.95).eps(1e-6).weightDecay(0.05).momentum(0.5)
                    .centered(true)),
            Map.entry("adam_default", Adam::of),
            Map.entry("adam_betas", p -> Adam.of(p).lr(0.05).betas(0.8, 0.99)),
            Map.entry("adam_wd", p -> Adam.of(p).lr(0.02).weightDecay(0.1)),
            Map.entry("adam_amsgrad", p -> Adam.of(p).lr(0.05).amsgrad(true)),
            Map.entry("adam_all", p -> Adam.of(p).lr(0.05).eps(1e-3).weightDecay(0.2).amsgrad(true)),
            Map.entry("adamw_default", p -> AdamW.of(p).lr(0.02)),
            Map.entry("adamw_all", p -> AdamW.of(p).lr(0.03).weightDecay(0.5).amsgrad(true).betas(0.85, 0.995)));

    static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }

    @Test
    void everyOptionSetFollowsPyTorch() {
        double[] a = doubles(ref.get("a"));
        double[] c = doubles(ref.get("c"));
        JsonNode all = ref.get("trajectories");
        assertEquals(CONFIGS.keySet(), iterableToSet(all.fieldNames()));
        CONFIGS.forEach((name, make) -> {
            Tensor w = Tensor.of(doubles(ref.get("theta0")), 3);
            Optimizer opt = make.apply(List.of(Parameter.of(w)));
            JsonNode steps = all.get(name);
            assertEquals(100, steps.size());
            for (int t = 0; t < steps.size(); t++) {
                opt.zeroGrad();
                double[] th = w.toArray();
                double[] g = new double[3];
                for (int i = 0; i < 3; i++) {
                    g[i] = a[i] * (th[i] - c[i]);
                }
                w.mul(Tensor.constant(g, 3)).sum().backward();
                opt.step();
                double[] expected = doubles(steps.get(t));
                double[] got = w.toArray();
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected[i], got[i], 1e-12, name + ", step " + (t + 1) + ", coordinate " + i);
                }
            }
        });
    }

    static java.util.Set<String> iterableToSet(java.util.Iterator<String> it) {
        java.util.Set<String> s = new java.util.HashSet<>();
        it.forEachRemaining(s::add);
        return s;
    }

    @Test
    void schedulesFollowPyTorch() {
        JsonNode s = ref.get("schedules");
        check(s.get("step_3_0.5"), o -> new StepLR(o, 3, 0.5));
        check(s.get("exponential_0.9"), o -> new ExponentialLR(o, 0.9));
        check(s.get("cosine_10_0.001"), o -> new CosineAnnealingLR(o, 10, 0.001));
    }

    static void check(JsonNode expected, Function<Optimizer, LrScheduler> make) {
        SGD opt = SGD.of(List.of(Parameter.of(Tensor.of(new double[] {0}, 1)))).lr(0.1);
        LrScheduler s = make.apply(opt);
        for (int e = 0; e < expected.size(); e++) {
            s.step();
            assertEquals(expected.get(e).asDouble(), opt.learningRate(0), 1e-15, "epoch " + (e + 1));
        }
    }

    @Test
    void clippingFollowsPyTorch() {
        JsonNode cases = ref.get("clipping");
        for (String name : List.of("2", "1", "3", "inf")) {
            Tensor a = Tensor.of(new double[3], 3);
            Tensor b = Tensor.of(new double[2], 2);
            a.mul(Tensor.constant(new double[] {1.5, -2.0, 0.5}, 3)).sum().backward();
            b.mul(Tensor.constant(new double[] {3.0, -0.25}, 2)).sum().backward();
            double norm = name.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(name);
            double total = Gradients.clipGradNorm(List.of(Parameter.of(a), Parameter.of(b)), 1.0, norm);
            assertEquals(cases.get(name).get("total").asDouble(), total, 1e-14, "norm " + name);
            double[] g = doubles(cases.get(name).get("grads"));
            double[] got = {a.grad().toArray()[0], a.grad().toArray()[1], a.grad().toArray()[2],
                b.grad().toArray()[0], b.grad().toArray()[1]};
            for (int i = 0; i < 5; i++) {
                assertEquals(g[i], got[i], 1e-14, "norm " + name + ", entry " + i);
            }
        }
    }
}
