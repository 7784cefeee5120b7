package dev.chainrule.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chainrule demo}: the worked backpropagation example, then a tensor MLP on handwritten digits. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Part 1: one step of backpropagation by hand and by the engine, every number beside its "
                + "formula. Part 2: a tensor MLP learns the handwritten digits shipped with chainrule "
                + "(progress bar, held-out accuracy, loss/accuracy curves as a PNG). Nothing to download."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Chainrule root;

    @Mixin
    TrainingOptions training = DigitsCommand.defaults();

    @Option(names = "--part1-only", description = "stop after the worked example")
    boolean part1Only;

    @Override
    public Integer call() {
        training.validate(spec);
        Threads.use(training.threads);
        PrintWriter out = spec.commandLine().getOut();
        WorkedExample.Result r = WorkedExample.print(out);
        out.flush();
        if (!WorkedExample.checkAgainstSpec(r).passed()) {
            spec.commandLine().getErr().println("demo: the engine does not reproduce the spec (see above); "
                    + "this is a bug in chainrule");
            return 1;
        }
        if (part1Only) {
            return 0;
        }
        out.println();
        out.println("Part 2: a tensor MLP learns 8x8 handwritten digits (1,797 images shipped in the jar; 20 % held out)");
        out.flush();
        DigitsCommand.run(training, root.console(spec));
        return 0;
    }
}
