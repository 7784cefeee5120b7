package dev.chainrule.nn.optim;

import java.util.Objects;

/**
 * A learning-rate schedule: each group's rate is a function of its base rate (the rate when
 * the schedule was made) and the number of {@link #step()} calls so far, written in the
 * closed forms of PyTorch's schedulers. Call {@code step()} once per epoch, after the
 * optimizer's step.
 */
public abstract class LrScheduler {
    private final Optimizer optimizer;
    private final double[] baseLrs;
    private int epoch;

    LrScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "scheduler: optimizer is null");
        int n = optimizer.groups().size();
        this.baseLrs = new double[n];
        for (int j = 0; j < n; j++) {
            baseLrs[j] = optimizer.learningRate(j);
        }
    }

    /** Advances one epoch and sets every group's learning rate for it. */
    public final void step() {
        epoch++;
        for (int j = 0; j < baseLrs.length; j++) {
            optimizer.setLearningRate(j, lr(baseLrs[j], epoch));
        }
    }

    /**
     * The number of {@link #step()} calls so far.
     *
     * @return the number of {@link #step()} calls so far
     */
    public final int epoch() {
        return epoch;
    }

    /**
     * The learning rate of group {@code group} now.
     *
     * @param group the parameter group's index
     * @return the learning rate of group {@code group} now
     */
    public final double lastLr(int group) {
        return optimizer.learningRate(group);
    }

    /** The schedule: the rate at {@code epoch} for a group whose base rate is {@code base}. */
    abstract double lr(double base, int epoch);
}
