package dev.chainrule.nn.optim;

import java.util.List;

/**
 * Updates parameters from their gradients. The same optimizers serve tensor and scalar
 * ({@code Value}) parameters, through {@link dev.chainrule.nn.Parameter}.
 *
 * <pre>{@code
 * Optimizer opt = Adam.of(model.parameters()).lr(1e-3);
 * for (...) {
 *     opt.zeroGrad();
 *     loss(model).backward();
 *     opt.step();
 * }
 * }</pre>
 */
public interface Optimizer {
    /** One update of every parameter that has a gradient; parameters without one are skipped. */
    void step();

    /** Clears every parameter's gradient. */
    void zeroGrad();

    /**
     * A copy of the optimizer's state (buffers, step counts, learning rates) for checkpoints.
     *
     * @return a copy of the optimizer's state (buffers, step counts, learning rates) for checkpoints
     */
    OptimizerState state();

    /**
     * Replaces the state with {@code state}, after checking that it is for this algorithm and
     * these parameters (names, sizes); on any mismatch it throws and changes nothing.
     *
     * @param state the state, as {@link #state()} returns it
     */
    void loadState(OptimizerState state);

    /**
     * The parameter groups, in order.
     *
     * @return the parameter groups, in order
     */
    List<ParamGroup> groups();

    /**
     * The learning rate group {@code group} uses now.
     *
     * @param group the parameter group's index
     * @return the learning rate group {@code group} uses now
     */
    double learningRate(int group);

    /**
     * Sets group {@code group}'s learning rate (schedules call this).
     *
     * @param group the parameter group's index
     * @param lr the learning rate
     */
    void setLearningRate(int group, double lr);
}
