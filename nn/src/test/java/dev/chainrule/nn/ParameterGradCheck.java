package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finite-difference check of a model's parameter gradients: the gradients backward leaves in
 * the parameters against central differences of the loss, nudging each parameter's live
 * storage in place (GradCheck differentiates fresh leaves, which a module does not take).
 * Tolerances are GradCheck's defaults: |analytic − numeric| ≤ 1e-5 + 1e-3·|numeric|.
 */
final class ParameterGradCheck {
    private static final double STEP = 1e-6;
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-3;

    private ParameterGradCheck() {
    }

    /** Checks every parameter of {@code model} for the scalar {@code loss} the supplier builds. */
    static void assertParameterGradients(Parameterized model, Supplier<Tensor> loss) {
        model.zeroGrad();
        loss.get().backward();
        StringBuilder failures = new StringBuilder();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            double[] grad = p.grad();
            double[] analytic = grad == null ? new double[p.size()] : grad.clone();
            double[] data = p.data();
            for (int i = 0; i < data.length; i++) {
                double keep = data[i];
                data[i] = keep + STEP;
                p.commit();
                double up = value(loss);
                data[i] = keep - STEP;
                p.commit();
                double down = value(loss);
                data[i] = keep;
                p.commit();
                double numeric = (up - down) / (2 * STEP);
                if (!(Math.abs(analytic[i] - numeric) <= ATOL + RTOL * Math.abs(numeric))) {
                    failures.append(String.format("%n  %s[%d]: analytic %.10g, numeric %.10g", e.getKey(), i,
                            analytic[i], numeric));
                }
            }
        }
        if (failures.length() > 0) {
            fail("parameter gradients differ from central differences:" + failures);
        }
    }

    /** A fixed projection sum(out · R) that turns any output into a scalar testing the whole Jacobian. */
    static Tensor project(Tensor out, long seed) {
        return out.mul(new Draw(seed).tensor(-1, 1, out.shape())).sum();
    }

    private static double value(Supplier<Tensor> loss) {
        try (GradMode.Scope off = GradMode.disabled()) {
            return loss.get().item();
        }
    }
}
