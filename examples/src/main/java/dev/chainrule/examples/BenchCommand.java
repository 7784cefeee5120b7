package dev.chainrule.examples;

import dev.chainrule.examples.bench.Bench;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code chainrule bench}: the benchmarks beside PyTorch's reference scripts. The options are
 * {@link Bench}'s own ({@code chainrule bench --help}); this command only hands them over, so
 * {@code chainrule bench} and {@code java -cp chainrule.jar dev.chainrule.examples.bench.Bench}
 * behave the same.
 */
@Command(name = "bench", description = {
    "Benchmarks mirroring ../shared/bench (matmul, mlp, overhead, moons, chain), one JSON line each;"
        + " --compare also runs the PyTorch scripts and prints ratios. Options: chainrule bench --help."})
public final class BenchCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();
    @ParentCommand
    Chainrule parent;

    /** Runs {@link Bench} with the arguments as given; its exit code is this command's. */
    @Override
    public Integer call() {
        return Bench.run(parent.outStream, parent.errStream, args.toArray(new String[0]));
    }
}
