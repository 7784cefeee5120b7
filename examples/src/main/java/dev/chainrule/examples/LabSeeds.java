package dev.chainrule.examples;

import dev.chainrule.nn.data.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a lab problem's single-run variants fare over many seeds, by hand:
 * {@code java -cp examples/target/chainrule.jar dev.chainrule.examples.LabSeeds [problem] [seeds] [stuck]}
 * (default {@code local-minima 20 1.4}). Seed s draws the split, the weights and the batches, as
 * {@code chainrule lab <problem> --seed s} does; per variant it prints the final held-out loss
 * (min, median, max), how many seeds end above {@code stuck}, and on how many the monitor names
 * the problem. Random-restart variants are left out: each of their restarts is a seed here.
 */
public final class LabSeeds {
    private LabSeeds() {
    }

    /**
     * @param args problem, number of seeds from 0, and the held-out loss counted as stuck
     */
    public static void main(String[] args) {
        Lab.Case c = Lab.Case.of(args.length > 0 ? args[0] : "local-minima");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        double stuck = args.length > 2 ? Double.parseDouble(args[2]) : 1.4;
        List<Lab.Variant> single = c.variants(0).stream().filter(v -> v.restarts() == 1).toList();
        double[][] loss = new double[single.size()][seeds];
        int[] named = new int[single.size()];
        for (int s = 0; s < seeds; s++) {
            Dataset.Split data = Lab.data(c, s);
            List<Lab.Variant> vs = c.variants(s).stream().filter(v -> v.restarts() == 1).toList();
            for (int k = 0; k < vs.size(); k++) {
                Lab.Result r = Lab.train(vs.get(k), data, c.steps, c.batch, 20, s, null);
                double[] test = r.testLoss();
                loss[k][s] = test.length == 0 ? Double.NaN : test[test.length - 1];
                named[k] += r.monitor().diagnose().names(c.problem) ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "lab %s, seeds 0..%d, final held-out loss:%n", c.command, seeds - 1);
        for (int k = 0; k < single.size(); k++) {
            double[] sorted = loss[k].clone();
            Arrays.sort(sorted);
            double median = (sorted[(seeds - 1) / 2] + sorted[seeds / 2]) / 2;
            long above = Arrays.stream(loss[k]).filter(l -> !(l <= stuck)).count();
            System.out.printf(Locale.ROOT, "  %-40s min %.2f, median %.2f, max %.2f; above %.2f: %d/%d; %s named: %d/%d%n",
                    single.get(k).name(), sorted[0], median, sorted[seeds - 1], stuck, above, seeds, c.problem.label(),
                    named[k], seeds);
        }
    }
}
