package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import dev.chainrule.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The problems of {@code src/test/python/torch_lbfgs_reference.py}, written the same way, each
 * as parameters plus a closure that evaluates the loss and its gradient.
 */
final class LBFGSProblems {
    private LBFGSProblems() {
    }

    /** Parameters, a loss evaluation (forward and backward, gradients cleared first) and a read of all numbers. */
    interface Problem {
        List<Parameter> parameters();

        /** Clears the gradients, evaluates the loss, runs backward, returns the loss. */
        double evaluate();

        default double[] flat() {
            List<Double> out = new ArrayList<>();
            for (Parameter p : parameters()) {
                for (double v : p.snapshot()) {
                    out.add(v);
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** A problem by name; {@code values} builds it from scalar {@link Value}s instead of tensors. */
    static Problem create(String name, boolean values) {
        switch (name) {
            case "rosenbrock":
                return values ? rosenbrockValues() : rosenbrockTensor();
            case "logistic":
                return logistic();
            case "lsq":
                return values ? lsqValues() : lsqTensor();
            default:
                throw new IllegalArgumentException("no problem " + name);
        }
    }

    /** (1 − x)² + 100 (y − x²)² on one tensor of 2 numbers, from (−1.5, 2). */
    static Problem rosenbrockTensor() {
        Tensor w = Tensor.of(new double[] {-1.5, 2.0}, 2);
        List<Parameter> ps = List.of(Parameter.of(w));
        return problem(ps, () -> {
            Tensor x = w.slice(0, 0, 1);
            Tensor y = w.slice(0, 1, 2);
            return x.neg().add(1).pow(2).add(y.sub(x.mul(x)).pow(2).mul(100)).sum();
        });
    }

    /** The Rosenbrock function on two {@link Value} leaves. */
    static Problem rosenbrockValues() {
        Value x = Value.of(-1.5);
        Value y = Value.of(2.0);
        List<Parameter> ps = List.of(Parameter.of(List.of(x, y)));
        return valueProblem(ps, () -> x.neg().add(1).pow(2).add(y.sub(x.mul(x)).pow(2).mul(100)));
    }

    static final double[] X = {0.5, 1.2, -1.0, 0.3, 1.5, -0.7, 0.2, 0.9, -0.8, -1.1, 1.1, 0.4,
        -0.3, 1.6, 0.9, -1.4, -1.7, 0.2, 0.4, 0.1, 1.3, 1.0, -0.6, -0.5};
    static final double[] T = {1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1};

    /** mean(log(1 + exp z) − t·z) + 0.001·|w|², z = X (w ∘ (1, 6)) + b, w and b two tensors. */
    static Problem logistic() {
        Tensor w = Tensor.of(new double[] {2.0, -1.0}, 2);
        Tensor b = Tensor.of(new double[] {1.0}, 1);
        Tensor x = Tensor.constant(X, 12, 2);
        Tensor t = Tensor.constant(T, 12);
        Tensor s = Tensor.constant(new double[] {1, 6}, 2);
        return problem(List.of(Parameter.of(w), Parameter.of(b)), () -> {
            Tensor z = x.matmul(w.mul(s)).add(b);
            return z.exp().add(1).log().sub(t.mul(z)).mean().add(w.mul(w).sum().mul(0.001));
        });
    }

    static final double[] A = {1.0, 2.0, 0.5, 0.3, -1.0, 2.0, 2.0, 0.1, -0.4, -1.2, 0.7, 1.1, 0.5, 0.5, 0.5,
        1.5, -2.0, 0.3};
    static final double[] C = {1.0, -0.5, 2.0, 0.3, 1.2, -1.0};

    /** |A x − c|² / 2 on one tensor of 3 numbers. */
    static Problem lsqTensor() {
        Tensor x = Tensor.of(new double[3], 3);
        Tensor a = Tensor.constant(A, 6, 3);
        Tensor c = Tensor.constant(C, 6);
        return problem(List.of(Parameter.of(x)), () -> {
            Tensor r = a.matmul(x).sub(c);
            return r.mul(r).sum().mul(0.5);
        });
    }

    /** The least-squares problem on three {@link Value} leaves. */
    static Problem lsqValues() {
        List<Value> x = Value.listOf(0, 0, 0);
        List<Parameter> ps = List.of(Parameter.of(x));
        return valueProblem(ps, () -> {
            Value sum = Value.constant(0);
            for (int i = 0; i < 6; i++) {
                Value r = Value.constant(0);
                for (int j = 0; j < 3; j++) {
                    r = r.add(x.get(j).mul(A[3 * i + j]));
                }
                r = r.sub(C[i]);
                sum = sum.add(r.mul(r));
            }
            return sum.mul(0.5);
        });
    }

    private static Problem problem(List<Parameter> ps, java.util.function.Supplier<Tensor> loss) {
        return new Problem() {
            @Override
            public List<Parameter> parameters() {
                return ps;
            }

            @Override
            public double evaluate() {
                ps.forEach(Parameter::zeroGrad);
                Tensor l = loss.get();
                l.backward();
                return l.item();
            }
        };
    }

    private static Problem valueProblem(List<Parameter> ps, java.util.function.Supplier<Value> loss) {
        return new Problem() {
            @Override
            public List<Parameter> parameters() {
                return ps;
            }

            @Override
            public double evaluate() {
                ps.forEach(Parameter::zeroGrad);
                Value l = loss.get();
                l.backward();
                return l.data();
            }
        };
    }

    /** A closure over {@code p} that also records every evaluation's parameters and loss. */
    static DoubleSupplier recording(Problem p, List<double[]> points, List<Double> losses) {
        return () -> {
            double loss = p.evaluate();
            points.add(p.flat());
            losses.add(loss);
            return loss;
        };
    }
}
