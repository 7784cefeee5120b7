package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The top-level command: help, version, and bad arguments (a hint to --help, exit code 2, no stack trace). */
class ChainruleCliTest {
    @Test
    void helpListsTheCommandsAndExitsZero() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Usage: chainrule"), r::toString);
        assertTrue(r.out().contains("demo"), r::toString);
    }

    @Test
    void versionIsPrinted() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("chainrule "), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--bogus", "nosuchcommand", "demo --nope", "demo extra"})
    void badArgumentsPointToTheHelpAndExitCodeTwo(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        Cli r = Cli.run(args);
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(" --help'"), r::toString);
        assertTrue(r.noStackTrace(), r::toString);
    }

    @Test
    void benchRunsAQuickSectionAndPassesItsOptionsThrough() {
        Cli r = Cli.run("bench", "--quick", "--in-process", "--sections", "chain", "--threads", "1");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("\"bench\": \"value_chain\""), r::toString);
        Cli bad = Cli.run("bench", "--sections", "nosuch");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.noStackTrace(), bad::toString);
    }
}
