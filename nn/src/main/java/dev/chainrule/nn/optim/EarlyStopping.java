package dev.chainrule.nn.optim;

import dev.chainrule.nn.Parameter;
import java.util.List;
import java.util.Objects;

/**
 * Stops training when a monitored loss has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row, and can put back the weights of the best epoch.
 *
 * <pre>{@code
 * EarlyStopping stop = EarlyStopping.of(model.parameters()).patience(5).minDelta(1e-4).restoreBestWeights(true);
 * for (int epoch = 0; ; epoch++) {
 *     train(...);
 *     if (stop.update(validationLoss())) break;   // weights restored here when asked
 * }
 * }</pre>
 */
public final class EarlyStopping {
    private final List<Parameter> params;
    private int patience = 5;
    private double minDelta;
    private boolean restoreBest;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private int epoch = -1;
    private int wait;
    private boolean stopped;
    private double[][] bestWeights;

    private EarlyStopping(List<Parameter> params) {
        this.params = params;
    }

    /**
     * Early stopping watching a loss (lower is better) of a model with {@code params}.
     *
     * @param params the parameters to update
     * @return the stopper, with the defaults
     */
    public static EarlyStopping of(List<? extends Parameter> params) {
        Objects.requireNonNull(params, "EarlyStopping.of: params is null");
        return new EarlyStopping(List.copyOf(params));
    }

    /**
     * Epochs without improvement tolerated before stopping (≥ 1).
     *
     * @param patience epochs without improvement before stopping
     * @return this
     */
    public EarlyStopping patience(int patience) {
        this.patience = Hyper.positiveCount("EarlyStopping", "patience", patience);
        return this;
    }

    /**
     * The smallest decrease of the loss that counts as an improvement (≥ 0).
     *
     * @param minDelta the smallest decrease that counts as an improvement
     * @return this
     */
    public EarlyStopping minDelta(double minDelta) {
        this.minDelta = Hyper.nonNegative("EarlyStopping", "minDelta", minDelta);
        return this;
    }

    /**
     * Whether stopping puts back the weights of the best epoch.
     *
     * @param restore whether to put the best weights back when stopping
     * @return this
     */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBest = restore;
        return this;
    }

    /**
     * Records one epoch's loss; returns true when training should stop (and then, if asked,
     * the best weights are back in the parameters).
     *
     * @param loss this epoch's loss
     * @return true when training should stop
     */
    public boolean update(double loss) {
        if (Double.isNaN(loss)) {
            throw new IllegalArgumentException("EarlyStopping.update: loss is NaN at epoch " + (epoch + 1));
        }
        epoch++;
        if (loss < best - minDelta) {
            best = loss;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBest) {
                bestWeights = new double[params.size()][];
                for (int i = 0; i < params.size(); i++) {
                    bestWeights[i] = params.get(i).snapshot();
                }
            }
        } else {
            wait++;
            if (wait >= patience && !stopped) {
                stopped = true;
                if (restoreBest && bestWeights != null) {
                    for (int i = 0; i < params.size(); i++) {
                        params.get(i).set(bestWeights[i]);
                    }
                }
            }
        }
        return stopped;
    }

    /**
     * True once patience ran out.
     *
     * @return true once patience ran out
     */
    public boolean stopped() {
        return stopped;
    }

    /**
     * The best loss seen (infinity before any).
     *
     * @return the best loss seen (infinity before any)
     */
    public double bestLoss() {
        return best;
    }

    /**
     * The epoch (0-based count of {@link #update} calls) of the best loss, or -1.
     *
     * @return the epoch (0-based count of {@link #update} calls) of the best loss, or -1
     */
    public int bestEpoch() {
        return bestEpoch;
    }
}
