package dev.chainrule.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chainrule demo}: the worked backpropagation example, step by step. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Walk through one step of backpropagation by hand and by the engine.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        WorkedExample.print(out);
        out.flush();
        return 0;
    }
}
