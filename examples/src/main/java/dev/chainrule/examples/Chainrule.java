package dev.chainrule.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code chainrule} command line: the worked example, the training examples, and tools
 * to look at and check the graph of an expression. Run {@code ./chainrule --help}.
 *
 * <p>Exit codes: 0 success, 1 a failed run (a failing gradient check, an I/O error), 2 bad
 * arguments (the reason, and where the help is). No stack trace reaches the user.
 */
@Command(name = "chainrule", mixinStandardHelpOptions = true, versionProvider = Chainrule.Version.class,
        description = "Reverse-mode automatic differentiation for Java: examples and tools.",
        subcommands = {DemoCommand.class, GraphCommand.class, GradCheckCommand.class, XorCommand.class,
            MoonsCommand.class, IrisCommand.class, DigitsCommand.class, FashionMnistCommand.class, LabCommand.class,
            GpCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class Chainrule implements Callable<Integer> {
    /** Environment variable that makes failures print their stack trace, for debugging chainrule itself. */
    static final String DEBUG_ENV = "CHAINRULE_DEBUG";

    @Spec
    CommandSpec spec;

    /** The streams given to {@link #run}: the progress bar and {@code bench} write to them directly. */
    PrintStream outStream = System.out;
    PrintStream errStream = System.err;
    /** True when the error stream is the process's own and a terminal is attached. */
    private boolean interactive;

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'chainrule demo' first");
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the command line with the given output streams and returns the exit code, for
     * tests and for embedding.
     *
     * @param out  receives the command's output
     * @param err  receives error messages and usage hints
     * @param args the command and its options
     * @return the exit code: 0 on success, nonzero on failure
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Chainrule app = new Chainrule();
        app.outStream = out;
        app.errStream = err;
        app.interactive = err == System.err && System.console() != null;
        CommandLine cl = new CommandLine(app);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler((ex, args1) -> {
            // bad arguments: the reason, any "did you mean", and where the usage is (not the usage
            // itself: 17-39 lines would bury the one that matters)
            CommandLine at = ex.getCommandLine();
            PrintWriter e = at.getErr();
            e.println(at.getColorScheme().errorText(at.getCommandSpec().qualifiedName() + ": " + ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            e.println(helpHint(at.getCommandSpec().qualifiedName()));
            e.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // a failure while running: one clear line, not a stack trace (unless asked for)
            PrintWriter e = cmd.getErr();
            e.println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex)));
            if (System.getenv(DEBUG_ENV) != null) {
                ex.printStackTrace(e);
            } else if (!expected(ex)) {
                e.println("(this looks like a bug in chainrule; run with " + DEBUG_ENV + "=1 to see where it happened)");
            }
            e.flush();
            return 1;
        });
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    /** The line after a usage error, pointing at the command's help. */
    static String helpHint(String command) {
        return "see '" + command + " --help'";
    }

    /** Where the command {@code spec} prints, for progress bars. */
    Progress.Console console(CommandSpec command) {
        return new Progress.Console(command.commandLine().getOut(), command.commandLine().getErr(), errStream, interactive);
    }

    /** Failures a user can cause and fix (bad data, a mismatched checkpoint, a missing file). */
    private static boolean expected(Exception ex) {
        return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException;
    }

    /** The message of an exception and its causes, without stack frames. */
    static String describe(Throwable ex) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String m = t.getMessage();
            String text = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
            if (s.indexOf(text) < 0) {
                s.append(s.length() > 0 ? ": " : "").append(text);
            }
        }
        return s.toString();
    }

    /** The version from the jar manifest, or the build's version when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Chainrule.class.getPackage().getImplementationVersion();
            return new String[] {"chainrule " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
