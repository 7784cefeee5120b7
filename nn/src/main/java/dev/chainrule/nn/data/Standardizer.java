package dev.chainrule.nn.data;

import java.util.Objects;

/**
 * Per-feature standardisation z = (x − mean)/std, with mean and (population) std fitted on
 * one dataset (the training set) and applied to others. A constant feature has std 0; it
 * is divided by 1 instead so it maps to 0 rather than NaN.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] std;

    private Standardizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * Fits mean and std of every feature of {@code data}: Welford's one-pass update on values
     * scaled by a power of two (exact) so the largest magnitude in each column is below 1, so
     * columns near {@link Double#MAX_VALUE} do not overflow and large offsets do not cancel.
     *
     * @param data the data set
     * @return the fitted standardizer
     */
    public static Standardizer fit(Dataset data) {
        Objects.requireNonNull(data, "Standardizer.fit: data is null");
        int d = data.featureCount();
        int n = data.size();
        double[] x = data.raw();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            double maxAbs = 0;
            for (int i = 0; i < n; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(x[i * d + j]));
            }
            // 2^-e with 2^e > maxAbs: multiplying by it is exact; NaN/Inf columns stay NaN as before
            double scale = maxAbs == 0 || !Double.isFinite(maxAbs) ? 1 : Math.scalb(1.0, -Math.getExponent(maxAbs) - 1);
            double m = 0;
            double m2 = 0;
            for (int i = 0; i < n; i++) {
                double v = x[i * d + j] * scale;
                double delta = v - m;
                m += delta / (i + 1);
                m2 += delta * (v - m);
            }
            mean[j] = m / scale;
            std[j] = Math.sqrt(Math.max(m2, 0) / n) / scale;
        }
        return new Standardizer(mean, std);
    }

    /**
     * {@code data} with every feature standardised.
     *
     * @param data the data set
     * @return a new, standardised data set
     */
    public Dataset apply(Dataset data) {
        Objects.requireNonNull(data, "Standardizer.apply: data is null");
        int d = data.featureCount();
        if (d != mean.length) {
            throw new IllegalArgumentException("Standardizer.apply: fitted on " + mean.length + " features, data has " + d);
        }
        double[] x = data.raw();
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int j = i % d;
            double s = std[j] == 0 ? 1 : std[j];
            double c = x[i] - mean[j];
            // x - mean can overflow although both are finite (1e308 - -1e308): halve both first
            z[i] = Double.isInfinite(c) && Double.isFinite(x[i]) ? (x[i] / 2 - mean[j] / 2) / (s / 2) : c / s;
        }
        return data.withFeatures(z);
    }

    /**
     * The fitted means (a copy).
     *
     * @return the fitted means (a copy)
     */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * The fitted standard deviations (a copy).
     *
     * @return the fitted standard deviations (a copy)
     */
    public double[] std() {
        return std.clone();
    }
}
