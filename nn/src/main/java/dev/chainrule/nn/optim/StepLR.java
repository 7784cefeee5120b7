package dev.chainrule.nn.optim;

/** Decays each group's rate by γ every {@code stepSize} epochs: lr = base·γ^⌊epoch/stepSize⌋. */
public final class StepLR extends LrScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * @param stepSize epochs between decays (&ge; 1)
     * @param gamma    multiplicative factor (PyTorch's default is 0.1)
     *
     * @param optimizer the optimizer whose learning rates are scheduled
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        this.stepSize = Hyper.positiveCount("StepLR", "stepSize", stepSize);
        this.gamma = Hyper.nonNegative("StepLR", "gamma", gamma);
    }

    @Override
    double lr(double base, int epoch) {
        return base * Math.pow(gamma, epoch / stepSize);
    }
}
