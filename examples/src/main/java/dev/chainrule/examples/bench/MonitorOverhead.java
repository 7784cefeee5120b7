package dev.chainrule.examples.bench;

import dev.chainrule.autograd.GradMode;
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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The gradient-flow monitor's overhead on the digits run as {@code chainrule digits} trains it
 * (64-256-10 ReLU, He init, Adam lr 2e-3, batch 32, 40 epochs, the held-out 20 % evaluated and
 * the diagnosis drawn up after each epoch), by hand:
 * {@code java -cp examples/target/chainrule.jar dev.chainrule.examples.bench.MonitorOverhead [epochs] [repeats]}.
 * Alternates runs without the monitor, with it measuring every step and every 10th step
 * ({@code --monitor}), and reports the median CPU time of the training thread for each.
 */
public final class MonitorOverhead {
    /** CPU time of the training thread: on a shared machine wall time mostly measures the neighbours. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private MonitorOverhead() {
    }

    /**
     * @param args epochs per run (default 40, the digits command's) and repeats (default 5)
     */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Dataset.Split split = Datasets.digits().split(0.2, 0);
        int[] everies = {0, 1, 10};
        for (int e : everies) {
            run(split, epochs, e); // warm-up
        }
        double[][] t = new double[everies.length][repeats];
        for (int i = 0; i < repeats; i++) {
            for (int j = 0; j < everies.length; j++) {
                t[j][i] = run(split, epochs, everies[j]);
            }
        }
        double base = median(t[0]);
        System.out.printf(Locale.ROOT, "digits, %d epochs, median of %d: without monitor %.3f s of CPU%n", epochs, repeats, base);
        for (int j = 1; j < everies.length; j++) {
            double m = median(t[j]);
            System.out.printf(Locale.ROOT, "  monitor every %d step(s): %.3f s, overhead %.1f %%%n", everies[j], m,
                    100 * (m - base) / base);
        }
    }

    /** One digits run; {@code every} 0 means no monitor. */
    private static double run(Dataset.Split split, int epochs, int every) {
        boolean monitored = every > 0;
        MLP model = MLP.of(64, 256, 10).activation(Activation.RELU).init(Init.HE).seed(0);
        Adam opt = Adam.of(model.parameters()).lr(2e-3);
        GradientMonitor monitor = monitored ? GradientMonitor.attach(model).every(every) : null;
        DataLoader loader = DataLoader.of(split.train()).batchSize(32).shuffle(0);
        long t0 = CPU.getCurrentThreadCpuTime();
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
            double test = heldOutLoss(model, split.test());
            if (monitor != null) {
                monitor.heldOut(Double.NaN, test);
                monitor.diagnose(); // as --monitor does once per epoch
            }
        }
        return (CPU.getCurrentThreadCpuTime() - t0) / 1e9;
    }

    /** The held-out loss in eval mode without a graph, as the digits command evaluates each epoch. */
    private static double heldOutLoss(MLP model, Dataset test) {
        model.eval();
        try (var off = GradMode.disabled()) {
            return Loss.crossEntropy(model.forward(test.x()), test.labels()).item();
        } finally {
            model.train();
        }
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
