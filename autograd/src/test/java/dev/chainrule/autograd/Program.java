package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A random program as plain data, so jqwik shrinks a failure to a short, readable one: leaf
 * tensors, then steps, each an op from {@link ProgramOp}'s catalog applied to earlier
 * values; the program's output is the last value. Prints as
 * {@code t0 = leaf[2, 3]; t1 = leaf[3]; t2 = sin(t0); t3 = mul(t2, t1); out = t3}, with the
 * leaves' numbers after it.
 *
 * <p>An operand reference counts back from the newest value and wraps around
 * ({@code 0} = the value just made, {@code 1} the one before, ...), so every list of steps
 * is a valid program: removing a step while shrinking never leaves a dangling reference,
 * and references that shrink towards 0 make a chain.
 *
 * @param leaves the inputs, each of a shape that broadcasts with every other
 * @param steps  the ops, in order
 */
record Program(List<Leaf> leaves, List<Step> steps) {

    /** An input: its shape and numbers. */
    record Leaf(int[] shape, double[] values) {
        Tensor tensor() {
            return Tensor.of(values.clone(), shape.clone());
        }
    }

    /**
     * One step: an op and its operand references (as many as the op has operands are read).
     *
     * @param op   the op
     * @param refs back-references to earlier values, see {@link Program}
     */
    record Step(ProgramOp op, int[] refs) {
    }

    /** The pool indices of step {@code i}'s operands. */
    int[] operands(int i) {
        Step s = steps.get(i);
        int available = leaves.size() + i;
        int[] at = new int[s.op().arity()];
        for (int j = 0; j < at.length; j++) {
            at[j] = available - 1 - Math.floorMod(s.refs()[j], available);
        }
        return at;
    }

    /** The output on tensors (the last value). */
    Tensor run(List<Tensor> inputs) {
        List<Tensor> pool = new ArrayList<>(inputs);
        for (int i = 0; i < steps.size(); i++) {
            int[] at = operands(i);
            Tensor[] args = new Tensor[at.length];
            for (int j = 0; j < at.length; j++) {
                args[j] = pool.get(at[j]);
            }
            pool.add(steps.get(i).op().onTensors().apply(args));
        }
        return pool.get(pool.size() - 1);
    }

    /** The output on values (every leaf a single number; every op must have a scalar form). */
    Value runValues(List<Value> inputs) {
        List<Value> pool = new ArrayList<>(inputs);
        for (int i = 0; i < steps.size(); i++) {
            int[] at = operands(i);
            Value[] args = new Value[at.length];
            for (int j = 0; j < at.length; j++) {
                args[j] = pool.get(at[j]);
            }
            pool.add(steps.get(i).op().onValues().apply(args));
        }
        return pool.get(pool.size() - 1);
    }

    /** Fresh leaf tensors holding the leaves' numbers. */
    Tensor[] inputs() {
        return leaves.stream().map(Leaf::tensor).toArray(Tensor[]::new);
    }

    /** Every leaf's numbers, in order (for a program of scalars). */
    double[] scalarInputs() {
        return leaves.stream().mapToDouble(l -> l.values()[0]).toArray();
    }

    /**
     * True when finite differences can be trusted: every step's operands lie inside its op's
     * domain and every value is finite and moderate (|x| &lt;= 1e4).
     */
    boolean wellConditioned() {
        try (GradMode.Scope off = GradMode.disabled()) {
            List<Tensor> pool = new ArrayList<>();
            for (Leaf l : leaves) {
                pool.add(Tensor.constant(l.values().clone(), l.shape().clone()));
            }
            for (int i = 0; i < steps.size(); i++) {
                int[] at = operands(i);
                Tensor[] args = new Tensor[at.length];
                for (int j = 0; j < at.length; j++) {
                    args[j] = pool.get(at[j]);
                }
                ProgramOp op = steps.get(i).op();
                if (!op.domain().test(args)) {
                    return false;
                }
                Tensor out = op.onTensors().apply(args);
                if (!ProgramOp.all(out, x -> Double.isFinite(x) && Math.abs(x) <= 1e4)) {
                    return false;
                }
                pool.add(out);
            }
            return true;
        }
    }

    /** The number of steps plus the number of leaf elements: what shrinking makes small. */
    int size() {
        return steps.size() + leaves.stream().mapToInt(l -> l.values().length).sum();
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            lines.add("t" + i + " = leaf" + Arrays.toString(leaves.get(i).shape()));
        }
        for (int i = 0; i < steps.size(); i++) {
            List<String> names = Arrays.stream(operands(i)).mapToObj(k -> "t" + k).collect(Collectors.toList());
            lines.add("t" + (leaves.size() + i) + " = " + steps.get(i).op().call(names));
        }
        lines.add("out = t" + (leaves.size() + steps.size() - 1));
        String values = "";
        for (int i = 0; i < leaves.size(); i++) {
            values += (i == 0 ? "" : ", ") + "t" + i + " = " + Arrays.toString(leaves.get(i).values());
        }
        return String.join("; ", lines) + "   where " + values;
    }
}
