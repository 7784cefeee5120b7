package dev.chainrule.nn.optim;

/** Decays each group's rate by γ every epoch: lr = base·γ^epoch. */
public final class ExponentialLR extends LrScheduler {
    private final double gamma;

    /**
     * @param gamma multiplicative factor per epoch
     *
     * @param optimizer the optimizer whose learning rates are scheduled
     */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = Hyper.nonNegative("ExponentialLR", "gamma", gamma);
    }

    @Override
    double lr(double base, int epoch) {
        return base * Math.pow(gamma, epoch);
    }
}
