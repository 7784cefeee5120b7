package dev.chainrule.examples;

import dev.chainrule.nn.Parameter;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.AdamW;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.RMSprop;
import dev.chainrule.nn.optim.SGD;
import java.util.List;

/** Builds the optimizer a command line names, with the settings the examples use. */
final class Optimizers {
    private Optimizers() {
    }

    /**
     * The optimizer {@code name} over {@code params}: {@code momentum} is SGD with momentum
     * 0.9; {@code weightDecay} is the L2 penalty (decoupled for AdamW).
     */
    static Optimizer create(TrainingOptions.OptimizerName name, List<Parameter> params, double lr, double weightDecay) {
        switch (name) {
            case SGD:
                return SGD.of(params).lr(lr).weightDecay(weightDecay);
            case MOMENTUM:
                return SGD.of(params).lr(lr).momentum(0.9).weightDecay(weightDecay);
            case ADAM:
                return Adam.of(params).lr(lr).weightDecay(weightDecay);
            case ADAMW:
                return AdamW.of(params).lr(lr).weightDecay(weightDecay);
            case RMSPROP:
                return RMSprop.of(params).lr(lr).weightDecay(weightDecay);
            default:
                throw new IllegalArgumentException("unknown optimizer " + name);
        }
    }
}
