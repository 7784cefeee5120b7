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

    /** Fits mean and std of every feature of {@code data}. */
    public static Standardizer fit(Dataset data) {
        Objects.requireNonNull(data, "Standardizer.fit: data is null");
        int d = data.featureCount();
        int n = data.size();
        double[] x = data.raw();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - mean[j];
                std[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / n);
        }
        return new Standardizer(mean, std);
    }

    /** {@code data} with every feature standardised. */
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
            z[i] = (x[i] - mean[j]) / (std[j] == 0 ? 1 : std[j]);
        }
        return data.withFeatures(z);
    }

    /** The fitted means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The fitted standard deviations (a copy). */
    public double[] std() {
        return std.clone();
    }
}
