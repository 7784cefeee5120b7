package dev.chainrule.nn.monitor;

/**
 * What a {@link GradientMonitor} measured for one layer at one step. Statistics that do not
 * apply are NaN (the update ratio before the first update, activation statistics of the
 * output layer, saturation of a ReLU layer, dead units of a sigmoid layer).
 *
 * @param step            the training step, from 0
 * @param layer           the layer's name (its weight's name without {@code .weight})
 * @param gradNorm        ‖∂loss/∂W‖₂
 * @param weightNorm      ‖W‖₂
 * @param updateRatio     ‖W after the step − W before‖ / ‖W before‖, measured at the next step
 * @param activationMean  mean of the layer's activation output
 * @param activationStd   standard deviation of the activation output
 * @param saturated       fraction of sigmoid/tanh outputs within 2 % of their limits
 * @param dead            fraction of ReLU units that are 0 for every example of the batch
 */
public record LayerRecord(int step, String layer, double gradNorm, double weightNorm, double updateRatio,
                          double activationMean, double activationStd, double saturated, double dead) {

    /** The CSV header matching {@link #csv()}. */
    public static final String CSV_HEADER =
            "step,layer,grad_norm,weight_norm,update_ratio,activation_mean,activation_std,saturated,dead";

    /**
     * One CSV line (no newline).
     *
     * @return one CSV line (no newline)
     */
    public String csv() {
        return step + "," + layer + "," + gradNorm + "," + weightNorm + "," + updateRatio + "," + activationMean + ","
                + activationStd + "," + saturated + "," + dead;
    }
}
