package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The functional transforms of tensor functions behind {@link Autograd#jacobian},
 * {@link Autograd#hessian(Function, Tensor)}, {@link Autograd#vjp}, {@link Autograd#jvp} and
 * {@link Autograd#hvp(Function, Tensor, Tensor)}: each evaluates {@code f} on a fresh leaf
 * copy of {@code x} (so {@code x}'s own graph and gradient are untouched) and returns
 * constants. Everything is built from {@link Autograd#grad(List, List, List, boolean, boolean)}.
 */
final class TensorTransforms {
    private TensorTransforms() {
    }

    static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x) {
        String op = "Autograd.jacobian";
        Tensor xs = leafCopy(op, x);
        Tensor y = apply(op, f, xs);
        return rowsOf(op, y, xs, concat(y.shape, x.shape));
    }

    static Tensor hessian(Function<Tensor, Tensor> f, Tensor x) {
        String op = "Autograd.hessian";
        Tensor xs = leafCopy(op, x);
        Tensor y = requireScalar(op, apply(op, f, xs));
        int[] shape = concat(x.shape, x.shape);
        Shapes.size(op, shape); // refused before any pass when the Hessian could not be held
        if (!y.requiresGrad) {
            return Tensor.zeros(shape);
        }
        Tensor g = Autograd.grad(List.of(y), List.of(xs), null, true, true).get(0);
        return rowsOf(op, g, xs, shape);
    }

    static Tensor vjp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        String op = "Autograd.vjp";
        Tensor xs = leafCopy(op, x);
        Tensor y = apply(op, f, xs);
        requireShape(op, "v", v, y.shape, "the output of f");
        return constantVjp(y, xs, v);
    }

    /**
     * J·v by the double-vjp trick: g(u) = Jᵀu is linear in a dummy seed u, so the vjp of g
     * with respect to u, seeded with v, is J·v. Costs two backward passes, no forward mode.
     */
    static Tensor jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        String op = "Autograd.jvp";
        Tensor xs = leafCopy(op, x);
        requireShape(op, "v", v, x.shape, "x");
        Tensor y = apply(op, f, xs);
        if (!y.requiresGrad) {
            return Tensor.zeros(y.shape);
        }
        Tensor u = Tensor.of(new double[y.size()], y.shape);
        Tensor g = Autograd.grad(List.of(y), List.of(xs), List.of(u), true, true).get(0);
        return constantVjp(g, u, v);
    }

    static Tensor hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        String op = "Autograd.hvp";
        Tensor xs = leafCopy(op, x);
        requireShape(op, "v", v, x.shape, "x");
        Tensor y = requireScalar(op, apply(op, f, xs));
        if (!y.requiresGrad) {
            return Tensor.zeros(x.shape);
        }
        Tensor g = Autograd.grad(List.of(y), List.of(xs), null, true, true).get(0);
        Tensor gv;
        try (var on = GradMode.enabled()) { // differentiated again below, even inside a no-grad scope
            gv = g.mul(v.detach()).sum();
        }
        return constantVjp(gv, xs, null); // zeros when f is linear: gv then has no graph
    }

    /**
     * vᵀ·∂y/∂x as a constant, {@code v} null for a single-element y; zeros of x's shape when
     * y has no graph (it does not depend on x).
     */
    private static Tensor constantVjp(Tensor y, Tensor x, Tensor v) {
        if (!y.requiresGrad) {
            return Tensor.zeros(x.shape);
        }
        List<Tensor> seed = v == null ? null : List.of(v.detach());
        return copy(Autograd.grad(List.of(y), List.of(x), seed, false, false).get(0));
    }

    /** d(y[i])/d(x) for every element i of y, laid out as rows of a tensor of {@code shape}. */
    private static Tensor rowsOf(String op, Tensor y, Tensor xs, int[] shape) {
        int n = xs.size(), rows = y.size();
        double[] out = new double[Shapes.size(op, shape)]; // y.size() * x.size() can exceed an int
        if (y.requiresGrad) {
            for (int i = 0; i < rows; i++) {
                double[] e = new double[rows];
                e[i] = 1;
                boolean last = i == rows - 1;
                Tensor g = Autograd.grad(List.of(y), List.of(xs), List.of(Tensor.constant(e, y.shape)), false, !last)
                        .get(0);
                System.arraycopy(g.doubles(), 0, out, i * n, n);
            }
        }
        return Tensor.constant(out, shape);
    }

    private static Tensor leafCopy(String op, Tensor x) {
        Objects.requireNonNull(x, () -> op + ": x is null");
        return Tensor.of(x.doubles(), x.shape);
    }

    /** Runs f with recording on (even inside a no-grad scope), since the transforms need its graph. */
    private static Tensor apply(String op, Function<Tensor, Tensor> f, Tensor xs) {
        Objects.requireNonNull(f, () -> op + ": the function is null");
        try (var on = GradMode.enabled()) {
            return Objects.requireNonNull(f.apply(xs), () -> op + ": the function returned null");
        }
    }

    /** {@code y}, or an exception naming {@code op} when it has more than one element (shared with {@link MultiTransforms}). */
    static Tensor requireScalar(String op, Tensor y) {
        if (y.size() != 1) {
            throw new IllegalArgumentException(op + ": f must return a single-element tensor but returned shape "
                    + Arrays.toString(y.shape));
        }
        return y;
    }

    /** Refuses a null {@code v} or one whose shape is not {@code expected}, naming both. */
    static void requireShape(String op, String name, Tensor v, int[] expected, String what) {
        Objects.requireNonNull(v, () -> op + ": " + name + " is null");
        if (!Arrays.equals(v.shape, expected)) {
            throw new IllegalArgumentException(op + ": " + name + " has shape " + Arrays.toString(v.shape)
                    + " but " + what + " has shape " + Arrays.toString(expected));
        }
    }

    private static Tensor copy(Tensor t) {
        return Tensor.constant(t.doubles(), t.shape);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
