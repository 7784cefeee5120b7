package dev.chainrule.nn.optim;

import dev.chainrule.nn.Parameter;
import java.util.List;
import java.util.Objects;

/**
 * Parameters that share a learning rate. A group without its own rate uses the optimizer's
 * ({@code lr(...)} on the optimizer); schedules change each group's rate.
 *
 * <pre>{@code
 * Adam.of(ParamGroup.of(body.parameters()), ParamGroup.of(head.parameters()).lr(1e-2)).lr(1e-3)
 * }</pre>
 */
public final class ParamGroup {
    private final List<Parameter> parameters;
    private final double lr;

    private ParamGroup(List<Parameter> parameters, double lr) {
        this.parameters = parameters;
        this.lr = lr;
    }

    /**
     * A group using the optimizer's learning rate.
     *
     * @param parameters the parameters of the group
     * @return a group using the optimizer's learning rate
     */
    public static ParamGroup of(List<? extends Parameter> parameters) {
        Objects.requireNonNull(parameters, "ParamGroup.of: parameters is null");
        for (int i = 0; i < parameters.size(); i++) {
            Objects.requireNonNull(parameters.get(i), "ParamGroup.of: parameters[" + i + "] is null");
        }
        return new ParamGroup(List.copyOf(parameters), Double.NaN);
    }

    /**
     * A group using the optimizer's learning rate.
     *
     * @param parameters the parameters of the group
     * @return a group using the optimizer's learning rate
     */
    public static ParamGroup of(Parameter... parameters) {
        return of(List.of(parameters));
    }

    /**
     * This group with its own learning rate.
     *
     * @param lr the learning rate
     * @return a new group of the same parameters with learning rate {@code lr}
     */
    public ParamGroup lr(double lr) {
        Hyper.nonNegative("ParamGroup", "lr", lr);
        return new ParamGroup(parameters, lr);
    }

    /**
     * The parameters, in order.
     *
     * @return the parameters, in order
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The group's own learning rate, or NaN when it uses the optimizer's.
     *
     * @return the group's own learning rate, or NaN when it uses the optimizer's
     */
    public double lr() {
        return lr;
    }
}
