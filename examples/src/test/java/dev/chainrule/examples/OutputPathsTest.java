package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output paths are checked before any work, with the operating system's reason. (The tests
 * run as root in CI, where permissions do not stop writes; a regular file standing where a
 * directory must be fails for everyone.)
 */
class OutputPathsTest {
    @Test
    void anOutDirThatCannotBeCreatedFailsBeforeTrainingWithTheReason(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        String sub = file.resolve("sub").toString();
        for (String[] args : new String[][] {
            {"xor", "--out-dir", sub, "--no-progress"}, {"moons", "--out-dir", sub, "--no-progress"},
            {"iris", "--out-dir", sub, "--no-progress"}, {"digits", "--out-dir", sub, "--no-progress"},
            {"demo", "--out-dir", sub, "--no-progress"}, {"fashion-mnist", "--out-dir", sub, "--no-progress"},
            {"lab", "vanishing", "--out-dir", sub}, {"gp", "--out-dir", sub},
        }) {
            String command = args[0];
            Cli r = Cli.run(args);
            assertEquals(2, r.code(), () -> command + ": " + r);
            assertTrue(r.err().contains("--out-dir " + file.resolve("sub") + ": cannot write there: "), r::toString);
            assertTrue(r.err().contains("Not a directory"), r::toString);
            assertTrue(r.out().isEmpty(), () -> "nothing may run before the check:\n" + r);
        }
        Cli graph = Cli.run("graph", "x", "--vars", "x=1", "--out-dir", file.toString());
        assertEquals(2, graph.code(), graph::toString);
        assertTrue(graph.err().contains("exists and is not a directory"), graph::toString);
    }

    @Test
    void aSavePathThatCannotBeWrittenFailsBeforeTraining(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Cli r = Cli.run("digits", "--epochs", "1", "--out-dir", dir.toString(), "--no-progress", "--save",
                file.resolve("model.safetensors").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--save " + file.resolve("model.safetensors") + ": cannot write it: "), r::toString);
        assertTrue(r.err().contains("exists and is not a directory"), r::toString);
        assertTrue(r.out().isEmpty(), r::toString);
        Cli intoADirectory = Cli.run("xor", "--out-dir", dir.toString(), "--save", dir.toString());
        assertEquals(2, intoADirectory.code(), intoADirectory::toString);
        assertTrue(intoADirectory.err().contains("is a directory"), intoADirectory::toString);
    }

    @Test
    void missingDirectoriesAreCreatedAndNoProbeFileIsLeft(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a/b");
        Cli r = Cli.run("xor", "--epochs", "1", "--out-dir", out.toString(), "--no-progress", "--save",
                dir.resolve("c/d/xor.safetensors").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.isRegularFile(out.resolve("xor.png")), r::toString);
        assertTrue(Files.isRegularFile(dir.resolve("c/d/xor.safetensors")), r::toString);
        try (var files = Files.list(out)) {
            assertEquals(List.of(out.resolve("xor.png")), files.toList());
        }
    }

    @Test
    void theReasonNamesThePathAndTheSystemsWords(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        String why = OutputPaths.directoryProblem(file.resolve("sub")).orElseThrow();
        assertTrue(why.contains(file.resolve("sub").toString()) && why.contains("Not a directory"), why);
        assertTrue(OutputPaths.directoryProblem(dir.resolve("new")).isEmpty());
        assertTrue(OutputPaths.fileProblem(file).isEmpty(), "an existing writable file");
        assertEquals("x", Files.readString(file), "checking must not change the file");
        assertTrue(OutputPaths.reason(new java.nio.file.AccessDeniedException("/p")).equals("/p: Permission denied"));
    }

    @Test
    void benchChecksItsReportBeforeRunning(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        Cli r = Cli.run("bench", "--compare", "--report", file.resolve("r.md").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--report " + file.resolve("r.md") + ": cannot write it"), r::toString);
        assertTrue(r.out().isEmpty(), r::toString);
    }
}
