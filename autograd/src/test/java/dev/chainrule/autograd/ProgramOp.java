package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One op a random {@link Program} may apply: how it runs on tensors and (where the scalar
 * engine has it) on values, and the inputs on which finite differences are trustworthy
 * (inside the registry spec's interval, away from its kinks). The catalog is read from the
 * op registry, so a newly registered op appears in random programs without further code.
 *
 * @param name      how a program prints the op
 * @param params    printed after the operands (", 0.5" for elu(t0, 0.5)), empty for most
 * @param arity     number of operands
 * @param smooth    true when its second derivative is checked by finite differences
 * @param onTensors the op on tensors
 * @param onValues  the op on values, or null for tensor-only ops
 * @param domain    true when the (constant) operands are inside the op's trusted domain
 */
record ProgramOp(String name, String params, int arity, boolean smooth, Function<Tensor[], Tensor> onTensors,
                 Function<Value[], Value> onValues, Predicate<Tensor[]> domain) {
    /** Finite differences through a composition need this much room around a kink or domain edge. */
    static final double MARGIN = 1e-2;

    /** How a step applying this op prints, e.g. {@code elu(t0, 0.5)}. */
    String call(List<String> operands) {
        return name + "(" + String.join(", ", operands) + params + ")";
    }

    @Override
    public String toString() {
        return name + params;
    }

    // ---------------------------------------------------------------- the catalog

    /** Every registry op (each parameter set of it), arithmetic, lerp and a few axis ops. */
    static List<ProgramOp> all() {
        List<ProgramOp> ops = new ArrayList<>();
        for (UnaryOp op : ElementwiseOps.UNARY) {
            for (double[] p : op.spec.paramSets()) {
                ops.add(unary(op, p));
            }
        }
        for (BinaryOp op : ElementwiseOps.BINARY) {
            ops.add(binary(op));
        }
        ops.add(new ProgramOp("add", "", 2, true, t -> t[0].add(t[1]), v -> v[0].add(v[1]), t -> true));
        ops.add(new ProgramOp("sub", "", 2, true, t -> t[0].sub(t[1]), v -> v[0].sub(v[1]), t -> true));
        ops.add(new ProgramOp("mul", "", 2, true, t -> t[0].mul(t[1]), v -> v[0].mul(v[1]), t -> true));
        ops.add(new ProgramOp("div", "", 2, true, t -> t[0].div(t[1]), v -> v[0].div(v[1]),
                t -> all(t[1], x -> Math.abs(x) >= 0.25)));
        ops.add(new ProgramOp("lerp", "", 3, true, t -> t[0].lerp(t[1], t[2]), v -> v[0].lerp(v[1], v[2]),
                t -> true));
        ops.add(new ProgramOp("sumLast", "", 1, true, t -> t[0].sum(new int[] {-1}, true), null,
                t -> t[0].shape().length > 0));
        ops.add(new ProgramOp("softmaxLast", "", 1, true, t -> t[0].softmax(-1), null, t -> t[0].shape().length > 0));
        return ops;
    }

    /** The ops whose second derivative is checked (smooth everywhere they are trusted). */
    static List<ProgramOp> smoothOnes() {
        return all().stream().filter(o -> o.smooth()).collect(Collectors.toList());
    }

    /** The ops {@link Value} has too. */
    static List<ProgramOp> scalar() {
        return all().stream().filter(o -> o.onValues() != null).collect(Collectors.toList());
    }

    static ProgramOp unary(UnaryOp op, double[] p) {
        String params = Arrays.stream(p).mapToObj(ProgramOp::number).map(s -> ", " + s).collect(Collectors.joining());
        TestSpec spec = op.spec;
        return new ProgramOp(op.name, params, 1, spec.secondOrder(), t -> op.apply(t[0], p),
                op.scalar ? v -> op.apply(v[0], p) : null,
                t -> all(t[0], x -> x >= spec.lo() && x <= spec.hi() && away(x, spec.kinks())));
    }

    static ProgramOp binary(BinaryOp op) {
        TestSpec spec = op.spec;
        Predicate<Tensor[]> inside = t -> all(t[0], x -> x >= spec.lo() && x <= spec.hi())
                && all(t[1], x -> x >= spec.lo() && x <= spec.hi()) && all(t[0].sub(t[1]), x -> away(x, spec.kinks()));
        // atan2(a, b) jumps by 2π across a = 0 where b < 0 (the branch cut)
        Predicate<Tensor[]> domain = !op.name.equals("atan2") ? inside
                : inside.and(t -> pairs(t[0], t[1], (a, b) -> b > MARGIN || Math.abs(a) > MARGIN));
        return new ProgramOp(op.name, "", 2, spec.secondOrder(), t -> op.apply(t[0], t[1]),
                op.scalar ? v -> op.apply(v[0], v[1]) : null, domain);
    }

    // ---------------------------------------------------------------- domain helpers

    static boolean away(double x, double[] kinks) {
        for (double k : kinks) {
            if (Math.abs(x - k) < MARGIN) {
                return false;
            }
        }
        return true;
    }

    static boolean all(Tensor t, java.util.function.DoublePredicate p) {
        return Arrays.stream(t.toArray()).allMatch(p);
    }

    /** The predicate holds for every pair of broadcast elements. */
    static boolean pairs(Tensor a, Tensor b, java.util.function.BiPredicate<Double, Double> p) {
        int[] shape = Elementwise.broadcastShape("pairs", a, b);
        double[] x = a.expand(shape).toArray(), y = b.expand(shape).toArray();
        for (int i = 0; i < x.length; i++) {
            if (!p.test(x[i], y[i])) {
                return false;
            }
        }
        return true;
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e6 ? Long.toString((long) d) : Double.toString(d);
    }
}
