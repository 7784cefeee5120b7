package dev.chainrule.nn.io;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Parameterized;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reading checkpoints of format {@code chainrule-checkpoint-1}, written while {@link Linear}
 * stored its weight [in, out]: those weights are transposed to today's [out, in] on the way
 * in. Every other tensor (biases, norms, buffers, {@link dev.chainrule.nn.ScalarMLP}'s weights,
 * which were always [out, in]) reads as it is. The file does not say which tensors were a
 * Linear's weight; the model does, so the names come from its module tree.
 */
final class LegacyLayout {
    /** The format marker of checkpoints with [in, out] Linear weights. */
    static final String FORMAT = "chainrule-checkpoint-1";

    private LegacyLayout() {
    }

    /** The dotted names of the model's Linear weights (none for a model that is not a Module). */
    static Set<String> linearWeightNames(Parameterized model) {
        if (!(model instanceof Module root)) {
            return Set.of();
        }
        Set<Tensor> weights = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Module> stack = new ArrayDeque<>(); // module trees can be deep: no recursion
        stack.push(root);
        while (!stack.isEmpty()) {
            Module m = stack.pop();
            if (m instanceof Linear l) {
                weights.add(l.weight());
            }
            m.children().forEach(stack::push);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, Tensor> e : root.namedTensors().entrySet()) {
            if (weights.contains(e.getValue())) {
                names.add(e.getKey());
            }
        }
        return names;
    }

    /** The shape a format-1 file holds for a Linear weight of {@code shape} [out, in]: [in, out]. */
    static int[] fileShape(int[] shape) {
        return new int[] {shape[1], shape[0]};
    }

    /** A format-1 weight's numbers, [in, out] row-major, as today's [out, in]. */
    static double[] toOutIn(double[] inOut, int in, int out) {
        double[] t = new double[inOut.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                t[o * in + i] = inOut[i * out + o];
            }
        }
        return t;
    }
}
