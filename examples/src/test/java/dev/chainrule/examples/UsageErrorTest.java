package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A usage error is the reason on one line (plus picocli's "did you mean" when it has one) and
 * a pointer to the command's {@code --help}: never the 17-39 lines of the usage itself.
 */
class UsageErrorTest {
    /** The command a line's usage error belongs to, as the hint names it. */
    private static String command(String[] args) {
        List<String> subcommands = List.of("demo", "graph", "gradcheck", "xor", "moons", "iris", "digits",
                "fashion-mnist", "bench", "lab", "gp");
        return args.length > 0 && subcommands.contains(args[0]) ? "chainrule " + args[0] : "chainrule";
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--bogus", "nosuchcommand", "demo --nope", "demo extra", "xor --epochs many",
        "moons --lr 0", "iris --lr-schedule step", "digits --batch-size 0", "graph", "graph x$2 --vars x=1",
        "gradcheck x --vars x=1 --step 0", "fashion-mnist --data /nonexistent", "bench --sections nosuch",
        "bench --threads 0", "xor --resume /nonexistent/file.ckpt", "xor --monitor", "moons --monitor", "digits --dtype f16", "iris --dtype", "xor --dtype f32",
        "moons --dtype float32", "lab nosuch", "lab", "lab vanishing --threads 0", "lab vanishing --steps 0",
        "lab dead-relu --steps -3", "gp --every 0", "gp --threads x"})
    void isOneLineAndAHintToHelp(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        Cli r = Cli.run(args);
        assertEquals(2, r.code(), r::toString);
        List<String> lines = r.err().lines().toList();
        String hint = "see '" + command(args) + " --help'";
        assertEquals(hint, lines.get(lines.size() - 1), r::toString);
        assertTrue(lines.get(0).startsWith(command(args) + ": "), r::toString);
        // the reason, at most one line of suggestions, the hint (an expression error adds its caret lines)
        assertTrue(lines.size() <= (r.err().contains("^ (position") ? 5 : 3), r::toString);
        assertFalse(r.err().contains("Usage:"), r::toString);
        assertTrue(r.out().isEmpty(), r::toString);
        assertTrue(r.noStackTrace(), r::toString);
    }
}
