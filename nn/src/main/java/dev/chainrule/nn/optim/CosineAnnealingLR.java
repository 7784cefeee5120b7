package dev.chainrule.nn.optim;

/**
 * Cosine annealing without restarts (PyTorch's closed form):
 * lr = ηmin + (base − ηmin)·(1 + cos(π·epoch/tMax))/2.
 */
public final class CosineAnnealingLR extends LrScheduler {
    private final int tMax;
    private final double etaMin;

    /**
     * @param tMax   epochs of one half cosine period (&ge; 1)
     * @param etaMin the rate reached at epoch tMax
     *
     * @param optimizer the optimizer whose learning rates are scheduled
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        this.tMax = Hyper.positiveCount("CosineAnnealingLR", "tMax", tMax);
        this.etaMin = Hyper.nonNegative("CosineAnnealingLR", "etaMin", etaMin);
    }

    @Override
    double lr(double base, int epoch) {
        return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}
