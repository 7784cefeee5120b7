package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The functional transforms over several input tensors behind {@link Autograd}'s
 * {@code List<Tensor>} forms, with a {@code createGraph} option. Without it, {@code f} runs on
 * fresh leaf copies of the inputs and the results are constants (as {@link TensorTransforms}).
 * With it, {@code f} runs on the inputs themselves where they want a gradient, and every result
 * is a graph of them (and of the direction tensors {@code v}), so transforms compose: the
 * jacobian of a jacobian is a Hessian, an hvp can be differentiated again. Inputs that want no
 * gradient are replaced by leaf copies either way (results are not graphs of those).
 */
final class MultiTransforms {
    private MultiTransforms() {
    }

    /** Blocks {@code d f / d xs[j]}, each of shape {@code f.shape ++ xs[j].shape}. */
    static List<Tensor> jacobian(Function<List<Tensor>, Tensor> f, List<Tensor> xs, boolean createGraph) {
        String op = "Autograd.jacobian";
        List<Tensor> ps = points(op, xs, createGraph);
        Tensor y = apply(op, f, ps);
        return blocks(op, y, ps, createGraph, createGraph);
    }

    /** Blocks {@code [i][j] = d² f / d xs[i] d xs[j]}, of shape {@code xs[i].shape ++ xs[j].shape}. */
    static List<List<Tensor>> hessian(Function<List<Tensor>, Tensor> f, List<Tensor> xs, boolean createGraph) {
        String op = "Autograd.hessian";
        List<Tensor> ps = points(op, xs, createGraph);
        Tensor y = TensorTransforms.requireScalar(op, apply(op, f, ps));
        for (Tensor a : ps) {
            for (Tensor b : ps) {
                Shapes.size(op, concat(a.shape, b.shape)); // refused before any pass when a block could not be held
            }
        }
        List<Tensor> first = y.requiresGrad ? Autograd.grad(List.of(y), ps, null, true, true) : null;
        List<List<Tensor>> h = new ArrayList<>(ps.size());
        for (int i = 0; i < ps.size(); i++) {
            h.add(first == null ? zeroBlocks(ps.get(i).shape, ps) : blocks(op, first.get(i), ps, createGraph, true));
        }
        return h;
    }

    /** {@code vᵀ·J} for every input: one tensor per input, of its shape. */
    static List<Tensor> vjp(Function<List<Tensor>, Tensor> f, List<Tensor> xs, Tensor v, boolean createGraph) {
        String op = "Autograd.vjp";
        List<Tensor> ps = points(op, xs, createGraph);
        Tensor y = apply(op, f, ps);
        TensorTransforms.requireShape(op, "v", v, y.shape, "the output of f");
        return gradients(y, ps, createGraph ? v : v.detach(), createGraph);
    }

    /** {@code Σ_i J_i·vs[i]}, shaped like f's output, by the double-vjp trick (two reverse passes). */
    static Tensor jvp(Function<List<Tensor>, Tensor> f, List<Tensor> xs, List<Tensor> vs, boolean createGraph) {
        String op = "Autograd.jvp";
        List<Tensor> ps = points(op, xs, createGraph);
        requireDirections(op, vs, ps);
        Tensor y = apply(op, f, ps);
        if (!y.requiresGrad) {
            return Tensor.zeros(y.shape);
        }
        Tensor u = Tensor.of(new double[y.size()], y.shape); // g(u) = Jᵀu is linear in u; its vjp seeded with v is J·v
        List<Tensor> g = Autograd.grad(List.of(y), ps, List.of(u), true, true);
        Tensor s = dot(g, vs, createGraph);
        return gradients(s, List.of(u), null, createGraph).get(0);
    }

    /** {@code H·v} of a scalar f, one tensor per input: {@code Σ_j H[i][j]·vs[j]}, without forming H. */
    static List<Tensor> hvp(Function<List<Tensor>, Tensor> f, List<Tensor> xs, List<Tensor> vs, boolean createGraph) {
        String op = "Autograd.hvp";
        List<Tensor> ps = points(op, xs, createGraph);
        requireDirections(op, vs, ps);
        Tensor y = TensorTransforms.requireScalar(op, apply(op, f, ps));
        if (!y.requiresGrad) {
            return zeros(ps);
        }
        List<Tensor> first = Autograd.grad(List.of(y), ps, null, true, true);
        return gradients(dot(first, vs, createGraph), ps, null, createGraph);
    }

    // ---------------------------------------------------------------- pieces

    /**
     * d(y[e])/d(ps[j]) for every element e of y, laid out as one block per input of shape
     * {@code y.shape ++ ps[j].shape}: stacked graphs under createGraph, else constants.
     */
    private static List<Tensor> blocks(String op, Tensor y, List<Tensor> ps, boolean createGraph, boolean keepGraph) {
        if (!y.requiresGrad || y.size() == 0) {
            return zeroBlocks(y.shape, ps);
        }
        int rows = y.size(), k = ps.size();
        List<List<Tensor>> rowsOf = new ArrayList<>(k);
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            rowsOf.add(new ArrayList<>(rows));
            out[j] = createGraph ? null : new double[Shapes.size(op, concat(y.shape, ps.get(j).shape))];
        }
        for (int e = 0; e < rows; e++) {
            double[] seed = new double[rows];
            seed[e] = 1;
            boolean retain = keepGraph || e < rows - 1;
            List<Tensor> g = Autograd.grad(List.of(y), ps, List.of(Tensor.constant(seed, y.shape)), createGraph, retain);
            for (int j = 0; j < k; j++) {
                if (createGraph) {
                    rowsOf.get(j).add(g.get(j));
                } else {
                    int n = ps.get(j).size();
                    System.arraycopy(g.get(j).doubles(), 0, out[j], e * n, n);
                }
            }
        }
        List<Tensor> result = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            int[] shape = concat(y.shape, ps.get(j).shape);
            if (createGraph) {
                try (var on = GradMode.enabled()) { // the result is a graph even inside a no-grad scope
                    result.add(Tensor.stack(0, rowsOf.get(j)).reshape(shape));
                }
            } else {
                result.add(Tensor.constant(out[j], shape));
            }
        }
        return result;
    }

    /** d(Σ y·seed)/d(ps): graphs under createGraph, else constant copies (zeros when y has no graph). */
    private static List<Tensor> gradients(Tensor y, List<Tensor> ps, Tensor seed, boolean createGraph) {
        if (!y.requiresGrad) {
            return zeros(ps);
        }
        List<Tensor> g = Autograd.grad(List.of(y), ps, seed == null ? null : List.of(seed), createGraph, createGraph);
        if (createGraph) {
            return g;
        }
        List<Tensor> copies = new ArrayList<>(g.size());
        for (Tensor t : g) {
            copies.add(Tensor.constant(t.doubles(), t.shape)); // a gradient may alias the seed's storage
        }
        return copies;
    }

    /** Σ_i sum(g_i · v_i), recorded (it is differentiated next); v is a constant unless createGraph. */
    private static Tensor dot(List<Tensor> g, List<Tensor> vs, boolean createGraph) {
        try (var on = GradMode.enabled()) {
            Tensor s = null;
            for (int i = 0; i < g.size(); i++) {
                Tensor term = g.get(i).mul(createGraph ? vs.get(i) : vs.get(i).detach()).sum();
                s = s == null ? term : s.add(term);
            }
            return s;
        }
    }

    /** The points f runs on: the inputs themselves under createGraph where they want a gradient, else leaf copies. */
    private static List<Tensor> points(String op, List<Tensor> xs, boolean createGraph) {
        Objects.requireNonNull(xs, () -> op + ": xs is null");
        if (xs.isEmpty()) {
            throw new IllegalArgumentException(op + ": xs is empty; give at least one input tensor");
        }
        List<Tensor> ps = new ArrayList<>(xs.size());
        for (int i = 0; i < xs.size(); i++) {
            Tensor x = xs.get(i);
            if (x == null) {
                throw new NullPointerException(op + ": xs[" + i + "] is null");
            }
            ps.add(createGraph && x.requiresGrad ? x : Tensor.of(x.doubles(), x.shape));
        }
        return ps;
    }

    /** Runs f with recording on (even inside a no-grad scope), since the transforms need its graph. */
    private static Tensor apply(String op, Function<List<Tensor>, Tensor> f, List<Tensor> ps) {
        Objects.requireNonNull(f, () -> op + ": the function is null");
        try (var on = GradMode.enabled()) {
            return Objects.requireNonNull(f.apply(List.copyOf(ps)), () -> op + ": the function returned null");
        }
    }

    private static void requireDirections(String op, List<Tensor> vs, List<Tensor> ps) {
        Objects.requireNonNull(vs, () -> op + ": vs is null");
        if (vs.size() != ps.size()) {
            throw new IllegalArgumentException(op + ": " + vs.size() + " directions vs for " + ps.size()
                    + " inputs xs; give one per input, of its shape");
        }
        for (int i = 0; i < vs.size(); i++) {
            TensorTransforms.requireShape(op, "vs[" + i + "]", vs.get(i), ps.get(i).shape, "xs[" + i + "]");
        }
    }

    private static List<Tensor> zeroBlocks(int[] lead, List<Tensor> ps) {
        List<Tensor> out = new ArrayList<>(ps.size());
        for (Tensor p : ps) {
            out.add(Tensor.zeros(concat(lead, p.shape)));
        }
        return out;
    }

    private static List<Tensor> zeros(List<Tensor> ps) {
        List<Tensor> out = new ArrayList<>(ps.size());
        for (Tensor p : ps) {
            out.add(Tensor.zeros(p.shape));
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
