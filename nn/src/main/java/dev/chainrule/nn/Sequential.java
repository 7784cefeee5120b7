package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Modules applied one after another. Children are named {@code 0, 1, 2, ...} as in PyTorch,
 * so a two-layer net's parameters are {@code 0.weight, 0.bias, 2.weight, 2.bias} when an
 * activation sits at position 1.
 */
public final class Sequential extends Module {
    private final List<Module> modules;

    /** The chain {@code modules[0]}, then {@code modules[1]}, ... */
    public Sequential(Module... modules) {
        Objects.requireNonNull(modules, "Sequential: modules is null");
        if (modules.length == 0) {
            throw new IllegalArgumentException("Sequential: needs at least one module");
        }
        for (int i = 0; i < modules.length; i++) {
            if (modules[i] == null) {
                throw new NullPointerException("Sequential: module " + i + " is null");
            }
            child(Integer.toString(i), modules[i]);
        }
        this.modules = List.of(modules);
    }

    /** Feeds {@code x} through every module in order. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Module m : modules) {
            h = m.forward(h);
        }
        return h;
    }

    /** The module at {@code index}. */
    public Module get(int index) {
        if (index < 0 || index >= modules.size()) {
            throw new IndexOutOfBoundsException("Sequential.get: index " + index + " for " + modules.size() + " modules");
        }
        return modules.get(index);
    }

    /** Number of modules. */
    public int size() {
        return modules.size();
    }

    /** The modules in order (unmodifiable). */
    public List<Module> modules() {
        return modules;
    }

    /** {@code Sequential[Linear(2 -> 4), Tanh, ...]}. */
    @Override
    public String toString() {
        return "Sequential" + modules;
    }
}
