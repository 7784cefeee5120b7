package dev.chainrule.nn.optim;

import dev.chainrule.nn.Parameter;
import java.util.List;

/**
 * AdamW, step for step as PyTorch's {@code torch.optim.AdamW}: the weights are first shrunk,
 * θ ← θ(1 − lr·λ), then the {@link Adam} update runs without the λ term.
 * Defaults: lr 1e-3, betas (0.9, 0.999), ε 1e-8, λ 1e-2 (PyTorch's default), no AMSGrad.
 */
public final class AdamW extends AdamBase<AdamW> {
    private AdamW(List<ParamGroup> groups) {
        super("AdamW", groups, true, 1e-2);
    }

    /**
     * AdamW over {@code params} with the default options.
     *
     * @param params the parameters to update
     * @return the optimizer
     */
    public static AdamW of(List<? extends Parameter> params) {
        return new AdamW(single("AdamW", params));
    }

    /**
     * AdamW over parameter groups (each may have its own learning rate).
     *
     * @param groups the parameter groups, each with its own learning rate
     * @return the optimizer
     */
    public static AdamW of(ParamGroup... groups) {
        return new AdamW(List.of(groups));
    }
}
