package dev.chainrule.examples;

import dev.chainrule.examples.data.Datasets;
import dev.chainrule.nn.data.Dataset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chainrule digits}: a tensor MLP on the 8x8 handwritten digits shipped in the jar. */
@Command(name = "digits", mixinStandardHelpOptions = true,
        description = {"Train a tensor MLP (64-256-10, relu) on the 1,797 8x8 handwritten digits shipped with "
                + "chainrule; report accuracy on a held-out 20 %% and draw loss/accuracy curves."})
final class DigitsCommand implements Callable<Integer> {
    /** Layer sizes of the digits MLP. */
    static final int[] SIZES = {64, 256, 10};

    @Spec
    CommandSpec spec;

    @ParentCommand
    Chainrule root;

    @Mixin
    TrainingOptions training = defaults();

    /** The digits example's defaults, shared with {@code demo}. */
    static TrainingOptions defaults() {
        return new TrainingOptions(40, 2e-3, 32, TrainingOptions.OptimizerName.ADAM);
    }

    @Override
    public Integer call() {
        training.validate(spec);
        run(training, root.console(spec));
        return 0;
    }

    /** Splits the digits 80/20 with the seed and trains; used by {@code demo} too. */
    static ClassifierRun.Outcome run(TrainingOptions o, Progress.Console console) {
        Dataset.Split split = Datasets.digits().split(0.2, o.seed);
        return ClassifierRun.run("digits", SIZES, split.train(), split.test(), o, console, console.out());
    }
}
