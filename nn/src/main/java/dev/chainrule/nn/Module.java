package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A piece of a tensor network: a function of one tensor with its own parameters and child
 * modules, as PyTorch's {@code nn.Module}. Subclasses register parameters and children in
 * their constructor; names compose with dots ({@code layers.0.weight}).
 *
 * <p>Modules start in training mode; {@link #eval()} switches modules that behave differently
 * at inference (e.g. {@link Dropout}) for the whole tree.
 *
 * <p>Parameters and buffers are float64 unless {@link #to(DType)} converts the tree (PyTorch's
 * {@code module.to(dtype)}); {@link #dtype()} reports the type. A module refuses an input of the
 * other type, naming both ({@link #checkInputType}), as PyTorch does ("expected scalar type
 * Float but found Double"), instead of promoting the whole step to float64 without a word.
 */
public abstract class Module implements Parameterized {
    private final Map<String, Parameter> own = new LinkedHashMap<>();
    private final Map<String, Tensor> ownTensors = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private boolean training = true;
    private ActivationObserver observer;

    /** A module with no parameters, buffers or children yet; subclasses register theirs in their constructor. */
    protected Module() {
    }

    /**
     * Receives each hidden activation a model computes ({@link MLP}'s hidden layers,
     * {@link ActivationModule}), for monitors that attach without changing the model's code.
     */
    @FunctionalInterface
    public interface ActivationObserver {
        /**
         * @param source     the module that applied the activation
         * @param activation which function
         * @param output     its output
         */
        void observe(Module source, Activation activation, Tensor output);
    }

    /**
     * The output for input {@code x}.
     *
     * @param x the input
     * @return the output, recorded in the graph
     */
    public abstract Tensor forward(Tensor x);

    /**
     * Registers a tensor leaf as the parameter {@code name}; returns the tensor.
     *
     * @param name   the parameter's name in this module (no dots)
     * @param tensor a leaf that wants a gradient
     * @return {@code tensor}
     */
    protected final Tensor register(String name, Tensor tensor) {
        checkName(name);
        Objects.requireNonNull(tensor, () -> describe() + ": parameter '" + name + "' is null");
        if (!tensor.requiresGrad()) {
            // a constant would never get a gradient: the optimizer would skip it without a word
            throw new IllegalArgumentException(describe() + ": parameter '" + name + "' is a constant; parameters "
                    + "must want a gradient (make them with Tensor.of or Tensor.randn, or turn any factory's result "
                    + "into a leaf with .toLeaf(), e.g. Tensor.zeros(2, 3).toLeaf())");
        }
        own.put(name, Parameter.of(tensor));
        ownTensors.put(name, tensor);
        return tensor;
    }

    /**
     * The tensor registered as this module's parameter {@code name}. Subclasses read their
     * parameters through it rather than keeping them in fields, so {@link #to(DType)} can
     * replace them.
     *
     * @param name the name given to {@link #register}
     * @return the current tensor
     */
    protected final Tensor parameter(String name) {
        Tensor t = ownTensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(describe() + ": no parameter '" + name + "' (it has " + ownTensors.keySet()
                    + ")");
        }
        return t;
    }

    /**
     * Converts every parameter and buffer of the tree to {@code dtype} in place of the old ones
     * (PyTorch's {@code module.to(dtype)}); returns this. Each parameter becomes a new leaf with
     * the same numbers (float64 to float32 rounds to the nearest float), without a gradient; a
     * tensor shared by two modules stays shared. Convert before making the optimizer: one made
     * earlier still holds the old tensors. A {@link dev.chainrule.nn.monitor.GradientMonitor}
     * attached earlier follows the conversion (it looks the parameters up by name each step).
     * A tree already of that type is left alone.
     *
     * @param dtype the type wanted
     * @return this module
     */
    public Module to(DType dtype) {
        Objects.requireNonNull(dtype, () -> describe() + ".to: dtype is null");
        Map<Tensor, Tensor> converted = new IdentityHashMap<>(); // tied weights stay tied
        Deque<Module> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            Module m = stack.pop();
            for (Map.Entry<String, Tensor> e : m.ownTensors.entrySet()) {
                Tensor t = converted.computeIfAbsent(e.getValue(),
                        old -> old.dtype() == dtype ? old : old.detach().to(dtype).toLeaf());
                e.setValue(t);
                m.own.put(e.getKey(), Parameter.of(t));
            }
            for (Buffer b : m.buffers.values()) {
                b.to(dtype);
            }
            m.children.values().forEach(stack::push);
        }
        return this;
    }

    /**
     * The element type of the tree's parameters (or, with none, its buffers): that of the
     * first one met in {@link #namedTensors()} order, {@link DType#F64} for a module with
     * neither. After {@link #to(DType)} every one has the type.
     *
     * @return the model's element type
     */
    public final DType dtype() {
        for (Tensor t : namedTensors().values()) {
            return t.dtype();
        }
        for (Buffer b : namedBuffers().values()) {
            return b.get().dtype();
        }
        return DType.F64;
    }

    /**
     * Refuses an input whose element type differs from this module's own parameters (or
     * buffers), naming both and the two ways to make them agree; a module with neither takes
     * any input.
     *
     * @param op the operation, for the message (e.g. {@code "Linear.forward"})
     * @param x  the input
     */
    protected final void checkInputType(String op, Tensor x) {
        DType own = ownType();
        if (own != null && x.dtype() != own) {
            throw new IllegalArgumentException(op + ": expected input of type " + own + " (the module's parameters) but "
                    + "found " + x.dtype() + "; convert the input with x.to(DType." + own.name() + ") (a DataLoader: "
                    + ".dtype(DType." + own.name() + ")) or the model with model.to(DType." + x.dtype().name() + ")");
        }
    }

    /** The type of this module's own parameters or buffers, or null when it has neither. */
    private DType ownType() {
        for (Tensor t : ownTensors.values()) {
            return t.dtype();
        }
        for (Buffer b : buffers.values()) {
            return b.get().dtype();
        }
        return null;
    }

    /**
     * Registers a buffer: state that is not trained but belongs to the model and is saved in
     * checkpoints (BatchNorm's running statistics); returns it.
     *
     * @param name    the buffer's name in this module (no dots)
     * @param initial its first value (copied)
     * @return the buffer
     */
    protected final Buffer buffer(String name, Tensor initial) {
        checkName(name);
        Buffer b = new Buffer(describe() + "." + name, initial);
        buffers.put(name, b);
        return b;
    }

    /**
     * Registers a child module under {@code name}; returns it.
     *
     * @param <M>    the child's type
     * @param name   the child's name (no dots)
     * @param module the child
     * @return {@code module}
     */
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

    /**
     * Sets, replaces or (with null) removes the child {@code name}, for builders that change
     * a model's structure after construction ({@link MLP#normalization}).
     *
     * @param name   the child's name
     * @param module the new child, or null to remove it
     */
    protected final void replaceChild(String name, Module module) {
        children.remove(name);
        if (module != null) {
            child(name, module);
        }
    }

    private void checkName(String name) {
        Objects.requireNonNull(name, () -> describe() + ": name is null");
        if (name.isEmpty() || name.contains(".") || own.containsKey(name) || children.containsKey(name)
                || buffers.containsKey(name)) {
            throw new IllegalArgumentException(describe() + ": name '" + name + "' is empty, contains a dot or is taken "
                    + "(dots join the names of nested modules)");
        }
    }

    /** The class name, for messages (anonymous classes have none). */
    private String describe() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? "Module" : n;
    }

    /**
     * Own parameters first, then each child's under its name, depth first. A parameter
     * reached twice (a layer shared between two places, tied weights) is listed once, under
     * its first name, so an optimizer updates it once per step (PyTorch does the same).
     *
     * @return an unmodifiable map from dotted name to parameter
     */
    @Override
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        collect((name, m, key) -> all.put(name, m.own.get(key)));
        return Collections.unmodifiableMap(all);
    }

    /**
     * The parameter tensors under the same names as {@link #namedParameters()}.
     *
     * @return an unmodifiable map from dotted name to tensor
     */
    public final Map<String, Tensor> namedTensors() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        collect((name, m, key) -> all.put(name, m.ownTensors.get(key)));
        return Collections.unmodifiableMap(all);
    }

    /**
     * Every buffer of the tree under a dotted name ({@code layers.1.running_mean}), own first,
     * then each child's, depth first, as {@link #namedParameters()}.
     *
     * @return an unmodifiable map from dotted name to buffer
     */
    public final Map<String, Buffer> namedBuffers() {
        Map<String, Buffer> all = new LinkedHashMap<>();
        Set<Buffer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Map.Entry<String, Module>> stack = new ArrayDeque<>();
        stack.push(Map.entry("", this));
        while (!stack.isEmpty()) {
            Map.Entry<String, Module> top = stack.pop();
            for (Map.Entry<String, Buffer> e : top.getValue().buffers.entrySet()) {
                if (seen.add(e.getValue())) {
                    all.put(top.getKey() + e.getKey(), e.getValue());
                }
            }
            List<Map.Entry<String, Module>> kids = new ArrayList<>(top.getValue().children.entrySet());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(Map.entry(top.getKey() + kids.get(i).getKey() + ".", kids.get(i).getValue()));
            }
        }
        return Collections.unmodifiableMap(all);
    }

    /** Receives one parameter: its full dotted name, the module that owns it and its own name there. */
    @FunctionalInterface
    private interface Visitor {
        void accept(String fullName, Module owner, String key);
    }

    /**
     * Visits every parameter of the tree in pre-order (own parameters, then children in
     * registration order), each tensor once. An explicit stack, not recursion, walks the tree.
     */
    private void collect(Visitor visitor) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Map.Entry<String, Module>> stack = new ArrayDeque<>();
        stack.push(Map.entry("", this));
        while (!stack.isEmpty()) {
            Map.Entry<String, Module> top = stack.pop();
            String prefix = top.getKey();
            Module m = top.getValue();
            for (Map.Entry<String, Tensor> e : m.ownTensors.entrySet()) {
                if (seen.add(e.getValue())) {
                    visitor.accept(prefix + e.getKey(), m, e.getKey());
                }
            }
            List<Map.Entry<String, Module>> kids = new ArrayList<>(m.children.entrySet());
            for (int i = kids.size() - 1; i >= 0; i--) { // pushed in reverse so they pop in order
                stack.push(Map.entry(prefix + kids.get(i).getKey() + ".", kids.get(i).getValue()));
            }
        }
    }

    /**
     * The direct children, in registration order.
     *
     * @return a new list of the children
     */
    public final List<Module> children() {
        return new ArrayList<>(children.values());
    }

    /**
     * The direct children under their names, in registration order (PyTorch's {@code named_children}).
     *
     * @return an unmodifiable map from name to child
     */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    /**
     * This module alone on one line, without its children, e.g. {@code Linear(2 -> 16)}: the
     * heading of its line in {@link #toString()}. Subclasses with settings override it.
     *
     * @return the one-line summary (the class name by default)
     */
    public String summary() {
        return describe();
    }

    /**
     * The module tree, one line per module, children indented under their names, each line
     * with its parameter count (PyTorch's module repr):
     * <pre>
     * MLP[2, 16, 3], RELU/IDENTITY (99 parameters)
     *   (layers): Sequential (99 parameters)
     *     (0): Linear(2 -&gt; 16) (48 parameters)
     *     (1): Linear(16 -&gt; 3) (51 parameters)
     * </pre>
     *
     * @return the tree as text
     */
    @Override
    public String toString() {
        return ModuleTree.render(this);
    }

    /**
     * Sends every hidden activation of this tree to {@code o} (null detaches); returns this.
     *
     * @param o the observer, or null
     * @return this module
     */
    public final Module observeActivations(ActivationObserver o) {
        Deque<Module> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            Module m = stack.pop();
            m.observer = o;
            m.children.values().forEach(stack::push);
        }
        return this;
    }

    /**
     * Reports an activation to the observer, if any (one null check when none is attached).
     *
     * @param activation the function just applied
     * @param output     its output
     * @return {@code output}
     */
    protected final Tensor activated(Activation activation, Tensor output) {
        if (observer != null) {
            observer.observe(this, activation, output);
        }
        return output;
    }

    /**
     * Sets training mode on this module and all below it; returns this.
     *
     * @param on true for training mode, false for inference
     * @return this module
     */
    public Module train(boolean on) {
        training = on;
        for (Module m : children.values()) {
            m.train(on);
        }
        return this;
    }

    /**
     * Training mode ({@code train(true)}).
     *
     * @return this module
     */
    public final Module train() {
        return train(true);
    }

    /**
     * Inference mode ({@code train(false)}).
     *
     * @return this module
     */
    public final Module eval() {
        return train(false);
    }

    /**
     * True in training mode.
     *
     * @return whether this module is in training mode
     */
    public final boolean isTraining() {
        return training;
    }
}
