package dev.chainrule.nn.io;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each parameter of a chainrule model sits in the state dict of the equivalent
 * {@code torch.nn.Sequential}: a {@link Sequential}'s {@link Linear} at position i is
 * {@code i.weight} and {@code i.bias}; an {@link MLP}'s layer k is position 2k, as in
 * {@code Sequential(Linear, act, Linear, act, ..., Linear)}. {@link Linear#weight()} is
 * [out, in] as PyTorch's, so the numbers are copied as they are.
 */
final class PyTorchLayout {
    private PyTorchLayout() {
    }

    /**
     * One tensor of the state dict: its PyTorch name, the chainrule tensor it fills (same shape,
     * same numbers), and whether it is a Linear's weight (for messages about the layout).
     */
    record Slot(String name, Tensor tensor, boolean weight) {
        int[] shape() {
            return tensor.shape();
        }
    }

    static List<Slot> slots(String op, Module model) {
        List<Slot> slots = new ArrayList<>();
        if (model instanceof MLP mlp) {
            if (mlp.namedChildren().containsKey("norms")) {
                throw new IllegalArgumentException(op + ": " + mlp.summary() + " has normalization layers; map it to "
                        + "PyTorch by building a Sequential that mirrors the torch.nn.Sequential");
            }
            List<Linear> layers = mlp.layers();
            for (int k = 0; k < layers.size(); k++) {
                add(slots, Integer.toString(2 * k), layers.get(k));
            }
        } else if (model instanceof Sequential seq) {
            List<Module> layers = seq.layers();
            for (int i = 0; i < layers.size(); i++) {
                Module m = layers.get(i);
                if (m instanceof Linear l) {
                    add(slots, Integer.toString(i), l);
                } else if (m.parameterCount() != 0 || !m.namedBuffers().isEmpty() || !m.children().isEmpty()) {
                    throw new IllegalArgumentException(op + ": layer " + i + " (" + m.summary() + ") is neither a Linear "
                            + "nor a parameter-free layer; only Sequentials of Linear and activation (or dropout) layers "
                            + "map to a torch.nn.Sequential state dict");
                }
            }
        } else {
            throw new IllegalArgumentException(op + ": " + (model == null ? "null" : model.summary()) + " is not an MLP "
                    + "or a Sequential; PyTorch state dicts map to those two");
        }
        return slots;
    }

    private static void add(List<Slot> slots, String prefix, Linear l) {
        slots.add(new Slot(prefix + ".weight", l.weight(), true));
        if (l.bias() != null) {
            slots.add(new Slot(prefix + ".bias", l.bias(), false));
        }
    }
}
