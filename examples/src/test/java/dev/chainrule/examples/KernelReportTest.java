package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.kernel.MatMul;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command says which kernel ran: the matmul kernel for tensors, or that scalar graphs have none. */
class KernelReportTest {
    @Test
    void tensorCommandsNameTheMatmulKernelAndThreads(@TempDir Path dir) {
        // with one thread the bundled OpenBLAS is still the kernel, set to one thread
        String kernel = "bundled-openblas";
        for (String command : new String[] {"digits", "iris", "demo"}) {
            Cli r = Cli.run(command, "--epochs", "1", "--threads", "1", "--out-dir", dir.toString(), "--no-progress");
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("matmul " + kernel + ", 1 thread"), () -> command + " names no kernel:\n" + r);
        }
        Cli part1 = Cli.run("demo", "--part1-only", "--threads", "1");
        assertTrue(part1.out().contains("one backward; matmul " + kernel + ")"), part1::toString);
    }

    @Test
    void labAndGpNameTheMatmulKernelAndThreads(@TempDir Path dir) {
        Cli lab = Cli.run("lab", "dead-relu", "--steps", "2", "--threads", "1", "--out-dir", dir.toString());
        assertEquals(0, lab.code(), lab::toString);
        assertTrue(lab.out().lines().findFirst().orElseThrow().endsWith("; matmul bundled-openblas, 1 thread"),
                lab::toString);
        Cli gp = Cli.run("gp", "--every", "24", "--max-iter", "1", "--until", "2003", "--threads", "1",
                "--out-dir", dir.toString());
        assertEquals(0, gp.code(), gp::toString);
        assertTrue(gp.out().contains("iterations; matmul bundled-openblas, 1 thread"), gp::toString);
    }

    @Test
    void theAutomaticKernelIsNamedWithMoreThreads(@TempDir Path dir) {
        Cli r = Cli.run("iris", "--epochs", "1", "--threads", "2", "--out-dir", dir.toString(), "--no-progress");
        assertEquals(0, r.code(), r::toString);
        // --threads 2 chose the kernel again, which is now the one in use
        assertTrue(r.out().contains("matmul " + MatMul.kernel().name() + ", 2 threads"), r::toString);
        assertTrue(MatMul.report().contains(", 2 threads"), MatMul::report);
    }

    @Test
    void scalarCommandsSayTheyUseNoMatmulKernel(@TempDir Path dir) {
        for (String[] args : new String[][] {
            {"xor", "--epochs", "1", "--out-dir", dir.toString(), "--no-progress"},
            {"moons", "--epochs", "1", "--samples", "8", "--out-dir", dir.toString(), "--no-progress"},
            {"graph", "x*y", "--vars", "x=1,y=2", "--out-dir", dir.toString()},
            {"gradcheck", "x*y", "--vars", "x=1,y=2"},
        }) {
            Cli r = Cli.run(args);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains(Report.SCALAR_KERNEL), () -> args[0] + " names no kernel:\n" + r);
        }
    }
}
