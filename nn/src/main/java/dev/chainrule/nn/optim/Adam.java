package dev.chainrule.nn.optim;

import dev.chainrule.nn.Parameter;
import java.util.List;

/**
 * Adam, step for step as PyTorch's {@code torch.optim.Adam} (weight decay is an L2 term added
 * to the gradient; see {@link AdamW} for the decoupled form). The update, with t counted per
 * parameter from 1:
 * <pre>
 * g ← ∇θ + λθ
 * m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  bc1 = 1−β1ᵗ,  bc2 = 1−β2ᵗ
 * AMSGrad: v̂ ← max(v̂, v), used in place of v
 * θ ← θ − (lr/bc1)·m / (√v/√bc2 + ε)
 * </pre>
 * Defaults: lr 1e-3, betas (0.9, 0.999), ε 1e-8, λ 0, no AMSGrad.
 * <pre>{@code Adam.of(params).lr(1e-3).betas(0.9, 0.999)}</pre>
 */
public final class Adam extends AdamBase<Adam> {
    private Adam(List<ParamGroup> groups) {
        super("Adam", groups, false, 0);
    }

    /**
     * Adam over {@code params} with the default options.
     *
     * @param params the parameters to update
     * @return the optimizer
     */
    public static Adam of(List<? extends Parameter> params) {
        return new Adam(single("Adam", params));
    }

    /**
     * Adam over parameter groups (each may have its own learning rate).
     *
     * @param groups the parameter groups, each with its own learning rate
     * @return the optimizer
     */
    public static Adam of(ParamGroup... groups) {
        return new Adam(List.of(groups));
    }
}
