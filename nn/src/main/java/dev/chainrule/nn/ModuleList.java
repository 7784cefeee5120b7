package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Holds modules under the names {@code 0, 1, 2, ...} so their parameters are named and their
 * mode follows the parent, without deciding how they are wired (PyTorch's
 * {@code nn.ModuleList}); the owner calls them in its own {@code forward}.
 *
 * @param <M> the kind of module held
 */
public final class ModuleList<M extends Module> extends Module {
    private final List<M> modules;

    /** The list of {@code modules}, named by position. */
    public ModuleList(List<M> modules) {
        Objects.requireNonNull(modules, "ModuleList: modules is null");
        for (int i = 0; i < modules.size(); i++) {
            child(Integer.toString(i), Objects.requireNonNull(modules.get(i), "ModuleList: module " + i + " is null"));
        }
        this.modules = List.copyOf(modules);
    }

    /** The module at {@code index}. */
    public M get(int index) {
        if (index < 0 || index >= modules.size()) {
            throw new IndexOutOfBoundsException("ModuleList.get: index " + index + " for " + modules.size() + " modules");
        }
        return modules.get(index);
    }

    /** Number of modules. */
    public int size() {
        return modules.size();
    }

    /** The modules in order (unmodifiable). */
    public List<M> modules() {
        return modules;
    }

    /** Refused: a list does not say how its modules connect; its owner calls them. */
    @Override
    public Tensor forward(Tensor x) {
        throw new IllegalStateException("ModuleList.forward: a ModuleList only holds modules; call them from the "
                + "owning module's forward, or use Sequential to chain them");
    }

    /** {@code ModuleList[...]}. */
    @Override
    public String toString() {
        return "ModuleList" + modules;
    }
}
