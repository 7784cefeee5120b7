package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Objects;

/** Modules applied one after another; children are named 0, 1, 2, ... as in PyTorch. */
public final class Sequential extends Module {
    private final List<Module> layers;

    /**
     * The chain {@code modules[0]} then {@code modules[1]} ...
     *
     * @param modules the layers, at least one, applied in order
     */
    public Sequential(Module... modules) {
        Objects.requireNonNull(modules, "Sequential: modules is null");
        if (modules.length == 0) {
            throw new IllegalArgumentException("Sequential: no modules");
        }
        for (int i = 0; i < modules.length; i++) {
            child(Integer.toString(i), modules[i]);
        }
        this.layers = List.of(modules);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Module m : layers) {
            h = m.forward(h);
        }
        return h;
    }

    /**
     * The modules in order.
     *
     * @return the layers (unmodifiable)
     */
    public List<Module> layers() {
        return layers;
    }
}
