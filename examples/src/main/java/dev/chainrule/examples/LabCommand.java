package dev.chainrule.examples;

import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.monitor.Diagnosis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule lab <problem>}: a training problem of the lecture notes and its remedies,
 * trained side by side on the digits with a gradient-flow monitor; writes a heatmap of the
 * per-layer gradient norms and the loss/accuracy curves, and prints the monitor's diagnosis
 * of every run.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Show a training problem and its remedies on the digits: vanishing, exploding, dead-relu, "
                + "overfitting, slow-convergence or local-minima. Writes <problem>-gradients.png (per-layer "
                + "gradient norms, layers x steps) and <problem>-curves.png, and prints the monitor's diagnosis."})
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Chainrule root;

    @Parameters(paramLabel = "PROBLEM", description = "vanishing, exploding, dead-relu, overfitting, slow-convergence, "
            + "local-minima")
    String problem;

    @Option(names = "--steps", paramLabel = "N", description = "training steps per variant (default: the problem's)")
    Integer steps;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (default: 0; local-minima: 11, a seed "
            + "whose single run gets stuck)")
    Long seed;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "where plots go (default: ${DEFAULT-VALUE})")
    Path outDir = Path.of("chainrule-out");

    @Option(names = "--threads", paramLabel = "N", description = "threads for matrix products (default: ${DEFAULT-VALUE}, "
            + "the cores available)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        Lab.Case c;
        try {
            c = Lab.Case.of(problem);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (steps != null && steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps must be >= 1, got " + steps);
        }
        if (threads < 1 || threads > 256) {
            throw new ParameterException(spec.commandLine(), "--threads must be between 1 and 256, got " + threads);
        }
        // the plots are written after minutes of training: the directory is checked first
        OutputPaths.directoryProblem(outDir).ifPresent(why -> {
            throw new ParameterException(spec.commandLine(), "--out-dir " + outDir + ": cannot write there: " + why);
        });
        Threads.use(threads);
        Progress.Console console = root.console(spec);
        run(c, steps == null ? c.steps : steps, seed == null ? c.seed : seed, outDir, Report.matmulKernel(threads),
                console.out());
        return 0;
    }

    /** Trains every variant of {@code c}, prints the diagnoses, writes the PNGs; returns the results. */
    static List<Lab.Result> run(Lab.Case c, int steps, long seed, Path outDir, String kernel, PrintWriter out) {
        Dataset.Split data = Lab.data(c, seed);
        out.printf(Locale.ROOT, "lab %s: %d steps per variant, batch %d, %d training / %d held-out digits; %s%n",
                c.command, steps, c.batch, data.train().size(), data.test().size(), kernel);
        List<Lab.Result> results = new ArrayList<>();
        for (Lab.Variant v : c.variants(seed)) {
            Lab.Result r = Lab.train(v, data, steps, c.batch, 20, seed, null);
            results.add(r);
            Diagnosis d = r.monitor().diagnose();
            int last = r.testAccuracy().length - 1;
            out.printf(Locale.ROOT, "%n%s%s (%.1f s): held-out accuracy %s%n", results.size() == 1 ? "[problem] "
                    : v.helps() ? "[remedy]  " : "[tried]   ", v.name(), r.seconds(),
                    last < 0 ? "n/a (diverged)" : String.format(Locale.ROOT, "%.1f %%", 100 * r.testAccuracy()[last]));
            if (r.restarts() != null) {
                out.println(indent(restarts(r.restarts())));
            }
            out.println(indent(d.toString()));
            out.flush();
        }
        List<Heatmap.Panel> panels = new ArrayList<>();
        for (Lab.Result r : results) {
            panels.add(new Heatmap.Panel(r.variant().name(), r.monitor().layers(), r.monitor().records()));
        }
        Path heat = Heatmap.write(outDir.resolve(c.command + "-gradients.png"), panels);
        Map<String, List<Plots.Curve>> curves = new LinkedHashMap<>();
        List<Plots.Curve> train = new ArrayList<>();
        List<Plots.Curve> test = new ArrayList<>();
        List<Plots.Curve> acc = new ArrayList<>();
        for (Lab.Result r : results) {
            if (r.trainLoss().length == 0) {
                continue; // diverged before the first evaluation: nothing to draw
            }
            train.add(new Plots.Curve(r.variant().name(), r.trainLoss()));
            test.add(new Plots.Curve(r.variant().name(), r.testLoss()));
            acc.add(new Plots.Curve(r.variant().name(), r.testAccuracy()));
        }
        curves.put("training loss", train);
        curves.put("held-out loss", test);
        curves.put("held-out accuracy", acc);
        Path plot = Plots.curves(outDir.resolve(c.command + "-curves.png"),
                "evaluation (every " + Math.max(1, steps / 20) + " steps)", curves, Map.of());
        out.printf("%nwrote %s and %s%n", heat, plot);
        out.flush();
        return results;
    }

    /** One line per restart: seed, training-set and held-out loss; the kept one marked. */
    static String restarts(Lab.Restarts r) {
        StringBuilder b = new StringBuilder("restarts (seed: training-set loss, held-out loss):");
        double[] sorted = r.heldOutLoss().clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < r.seeds().length; i++) {
            b.append(String.format(Locale.ROOT, "%n  seed %d: %.3f, %.3f%s", r.seeds()[i], r.trainLoss()[i],
                    r.heldOutLoss()[i], i == r.kept() ? "  <- kept" : ""));
        }
        b.append(String.format(Locale.ROOT, "%nheld-out loss of a single run: median %.3f, worst %.3f; kept %.3f",
                sorted[sorted.length / 2], sorted[sorted.length - 1], r.heldOutLoss()[r.kept()]));
        return b.toString();
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }
}
