package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A piece of a tensor network, as PyTorch's {@code nn.Module}: a function of one tensor with
 * its own parameters (tensor leaves) and child modules. Subclasses register both in their
 * constructor with {@link #register} and {@link #child}; names compose with dots, children
 * after own parameters, in registration order ({@code layers.0.weight}), so the names and
 * their order are stable and checkpoints can rely on them.
 *
 * <pre>{@code
 * Module net = new Sequential(new Linear(4, 16, Init.HE, rng), new ReLU(), new Linear(16, 3, Init.XAVIER, rng));
 * Optimizer opt = Adam.of(net.parameters()).lr(1e-2);
 * net.eval();                      // Dropout becomes the identity for the whole tree
 * }</pre>
 *
 * <p>Modules start in training mode; {@link #train(boolean)} sets the mode for the whole tree.
 */
public abstract class Module implements Parameterized {
    private final Map<String, Parameter> ownParameters = new LinkedHashMap<>();
    private final Map<String, Tensor> ownTensors = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Subclasses register parameters and children in their constructors. */
    protected Module() {
    }

    /** The output for input {@code x} (for most modules a batch [B, features]). */
    public abstract Tensor forward(Tensor x);

    /**
     * Registers a tensor leaf as this module's parameter {@code name} and returns it. The
     * tensor must be a leaf that wants a gradient ({@link Tensor#of}).
     */
    protected final Tensor register(String name, Tensor leaf) {
        checkName(name);
        Objects.requireNonNull(leaf, () -> describe() + ": parameter '" + name + "' is null");
        if (!leaf.requiresGrad()) {
            throw new IllegalArgumentException(describe() + ": parameter '" + name + "' is a constant; "
                    + "parameters must want a gradient (make them with Tensor.of)");
        }
        ownParameters.put(name, Parameter.of(leaf));
        ownTensors.put(name, leaf);
        return leaf;
    }

    /** Registers {@code module} as the child {@code name} (it takes this module's mode) and returns it. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        Objects.requireNonNull(module, () -> describe() + ": child '" + name + "' is null");
        if (module == this) {
            throw new IllegalArgumentException(describe() + ": a module cannot be its own child ('" + name + "')");
        }
        children.put(name, module);
        module.train(training);
        return module;
    }

    private void checkName(String name) {
        Objects.requireNonNull(name, () -> describe() + ": name is null");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(describe() + ": name '" + name
                    + "' must be non-empty and contain no dot (dots join names of nested modules)");
        }
        if (ownParameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(describe() + ": name '" + name + "' is already taken");
        }
    }

    /** Own parameters first, then each child's under {@code child.}, in registration order. */
    @Override
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> all = new LinkedHashMap<>(ownParameters);
        children.forEach((name, m) -> m.namedParameters().forEach((k, p) -> all.put(name + "." + k, p)));
        return Collections.unmodifiableMap(all);
    }

    /** The parameter tensors (leaves) under the names of {@link #namedParameters()}. */
    public final Map<String, Tensor> namedTensors() {
        Map<String, Tensor> all = new LinkedHashMap<>(ownTensors);
        children.forEach((name, m) -> m.namedTensors().forEach((k, t) -> all.put(name + "." + k, t)));
        return Collections.unmodifiableMap(all);
    }

    /** The direct children under their names, in registration order. */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** The direct children, in registration order. */
    public final List<Module> children() {
        return new ArrayList<>(children.values());
    }

    /** Sets training ({@code true}) or inference mode on this module and every module below it; returns this. */
    public Module train(boolean on) {
        training = on;
        for (Module m : children.values()) {
            m.train(on);
        }
        return this;
    }

    /** Training mode for the whole tree (the default); returns this. */
    public final Module train() {
        return train(true);
    }

    /** Inference mode for the whole tree (dropout off); returns this. */
    public final Module eval() {
        return train(false);
    }

    /** True in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** The class name, for messages. */
    String describe() {
        return getClass().getSimpleName();
    }
}
