package dev.chainrule.examples;

import dev.chainrule.examples.data.Datasets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule gp}: a Gaussian process fitted to the monthly Mauna Loa CO2 record, its
 * 11 kernel hyperparameters found by maximizing the log marginal likelihood with L-BFGS,
 * then a forecast with its ±2σ band.
 */
@Command(name = "gp", mixinStandardHelpOptions = true,
        description = {"Fit a Gaussian process to the monthly Mauna Loa CO2 record (1958-2001) with the kernel of "
                + "scikit-learn's CO2 example (long-term RBF + seasonal RBF x ExpSineSquared + RationalQuadratic + "
                + "short-term RBF + white noise): the log marginal likelihood, through Linalg.cholesky and "
                + "choleskySolve, is maximized over the log-hyperparameters with L-BFGS (strong Wolfe). Prints the "
                + "starting and fitted hyperparameters and how long the fit took; plots data, mean and +-2 sigma "
                + "forecast to a PNG."})
final class GpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--every", paramLabel = "K", description = "use every K-th month only, for a quick run "
            + "(default: ${DEFAULT-VALUE}, all 521)")
    int every = 1;

    @Option(names = "--max-iter", paramLabel = "N", description = "the most L-BFGS iterations (default: ${DEFAULT-VALUE})")
    int maxIter = 200;

    @Option(names = "--until", paramLabel = "YEAR", description = "forecast up to this year (default: ${DEFAULT-VALUE})")
    double until = 2030;

    @Option(names = "--threads", paramLabel = "N", description = "threads for matrix products (default: ${DEFAULT-VALUE}, "
            + "the cores available)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out-dir", paramLabel = "DIR", description = "where the plot goes (default: ${DEFAULT-VALUE})")
    Path outDir = Path.of("chainrule-out");

    @Override
    public Integer call() {
        validate();
        Threads.use(threads);
        PrintWriter out = spec.commandLine().getOut();
        Datasets.Series data = Datasets.co2().every(every);
        GaussianProcess gp = new GaussianProcess(data.t(), data.y());
        int n = data.size();
        out.printf(Locale.ROOT, "gp: Mauna Loa CO2, %d monthly readings %.2f-%.2f (ppm; their mean subtracted)%s%n", n,
                data.t()[0], data.t()[n - 1], every > 1 ? ", every " + every + "th month" : "");
        out.println("kernel: long-term RBF + seasonal RBF x ExpSineSquared (period 1 year, fixed) + RationalQuadratic"
                + " + short-term RBF + white noise; 11 hyperparameters in log space, bounded to [1e-5, 1e5] as in"
                + " scikit-learn");
        double[] start = Co2Kernel.START;
        GaussianProcess.Evaluation first = gp.evaluate(start);
        out.printf(Locale.ROOT, "start:  log marginal likelihood %.6f  %s%n", first.value(), Co2Kernel.describe(start));
        out.printf("fitting: L-BFGS with strong-Wolfe line search, at most %d iterations; %s%n", maxIter,
                Report.matmulKernel(threads));
        out.flush();

        long t0 = System.nanoTime();
        GaussianProcess.Fit fit = gp.fit(start, maxIter);
        long elapsed = System.nanoTime() - t0;
        out.printf(Locale.ROOT, "fitted: log marginal likelihood %.6f after %d iterations, %d evaluations; "
                + "the fit took %s (%.3f s per log marginal likelihood + gradient at n = %d)%n", fit.logMarginalLikelihood(), fit.iterations(),
                fit.evaluations(), Report.seconds(elapsed), elapsed / 1e9 / Math.max(1, fit.evaluations()), n);
        out.println("        " + Co2Kernel.describe(fit.theta()));
        out.printf(Locale.ROOT, "  %-30s %12s %12s%n", "hyperparameter", "start", "fitted");
        for (int i = 0; i < start.length; i++) {
            out.printf(Locale.ROOT, "  %-30s %12.4g %12.4g%n", Co2Kernel.NAMES.get(i), Math.exp(start[i]),
                    Math.exp(fit.theta()[i]));
        }

        // the posterior monthly from the first reading to the end of the forecast
        double from = data.t()[0];
        int m = (int) Math.floor((until - from) * 12) + 1;
        double[] ts = new double[m];
        for (int i = 0; i < m; i++) {
            ts[i] = from + i / 12.0;
        }
        GaussianProcess.Prediction p = gp.predict(fit.theta(), ts);
        double[] lower = new double[m], upper = new double[m];
        for (int i = 0; i < m; i++) {
            lower[i] = p.mean()[i] - 2 * p.std()[i];
            upper[i] = p.mean()[i] + 2 * p.std()[i];
        }
        for (double year : new double[] {2010, 2020}) {
            int i = (int) Math.round((year - from) * 12);
            if (year > data.t()[n - 1] && i < m - 1) {
                out.printf(Locale.ROOT, "forecast %.2f: %.1f ppm +- %.1f (2 sigma)%n", ts[i], p.mean()[i], 2 * p.std()[i]);
            }
        }
        out.printf(Locale.ROOT, "forecast %.2f: %.1f ppm +- %.1f (2 sigma)%n", ts[m - 1], p.mean()[m - 1], 2 * p.std()[m - 1]);
        Path png = Plots.band(outDir.resolve("gp-co2.png"), String.format(Locale.ROOT,
                "Mauna Loa CO2: Gaussian process, log marginal likelihood %.1f", fit.logMarginalLikelihood()),
                "year", "CO2 (ppm)", data.t(), data.y(), ts, p.mean(), lower, upper, "mean +- 2 sigma");
        out.printf("plot: %s%n", png);
        out.flush();
        return 0;
    }

    private void validate() {
        if (every < 1 || every > 100) {
            throw new ParameterException(spec.commandLine(), "--every must be between 1 and 100, got " + every);
        }
        if (maxIter < 1) {
            throw new ParameterException(spec.commandLine(), "--max-iter must be >= 1, got " + maxIter);
        }
        if (!(until > 2002 && until <= 2100)) {
            throw new ParameterException(spec.commandLine(), "--until must be a year after 2002 and up to 2100, got " + until);
        }
        if (threads < 1 || threads > 256) {
            throw new ParameterException(spec.commandLine(), "--threads must be between 1 and 256, got " + threads);
        }
        // the plot is written after the fit: the directory is checked first
        OutputPaths.directoryProblem(outDir).ifPresent(why -> {
            throw new ParameterException(spec.commandLine(), "--out-dir " + outDir + ": cannot write there: " + why);
        });
    }
}
