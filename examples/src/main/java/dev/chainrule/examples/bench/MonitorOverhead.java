package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.data.Datasets;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.monitor.GradientMonitor;
import dev.chainrule.nn.optim.Adam;
import java.util.Arrays;
import java.util.Locale;

/**
 * The gradient-flow monitor's overhead on the digits run (64-256-10, batch 32, Adam), by hand:
 * {@code java -cp examples/target/chainrule.jar dev.chainrule.examples.bench.MonitorOverhead [epochs] [repeats]}.
 * Alternates runs with and without the monitor and reports the median time of each.
 */
public final class MonitorOverhead {
    private MonitorOverhead() {
    }

    /**
     * @param args epochs per run (default 10) and repeats (default 5)
     */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Dataset train = Datasets.digits().split(0.2, 0).train();
        int[] everies = {0, 1, 10};
        for (int e : everies) {
            run(train, epochs, e); // warm-up
        }
        double[][] t = new double[everies.length][repeats];
        for (int i = 0; i < repeats; i++) {
            for (int j = 0; j < everies.length; j++) {
                t[j][i] = run(train, epochs, everies[j]);
            }
        }
        double base = median(t[0]);
        System.out.printf(Locale.ROOT, "digits, %d epochs, median of %d: without monitor %.3f s%n", epochs, repeats, base);
        for (int j = 1; j < everies.length; j++) {
            double m = median(t[j]);
            System.out.printf(Locale.ROOT, "  monitor every %d step(s): %.3f s, overhead %.1f %%%n", everies[j], m,
                    100 * (m - base) / base);
        }
    }

    /** One digits run; {@code every} 0 means no monitor. */
    private static double run(Dataset train, int epochs, int every) {
        boolean monitored = every > 0;
        MLP model = MLP.of(64, 256, 10).activation(Activation.RELU).init(Init.HE).seed(0);
        Adam opt = Adam.of(model.parameters()).lr(2e-3);
        GradientMonitor monitor = monitored ? GradientMonitor.attach(model).every(every) : null;
        DataLoader loader = DataLoader.of(train).batchSize(32).shuffle(0);
        long t0 = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            for (Batch b : loader) {
                Tensor loss = Loss.crossEntropy(model.forward(b.x()), b.labels());
                opt.zeroGrad();
                loss.backward();
                if (monitor != null) {
                    monitor.step(loss.item());
                }
                opt.step();
            }
            if (monitor != null) {
                monitor.diagnose(); // as --monitor does once per epoch
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
