package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native kernel is only taken when libblas.so.3 is an optimized BLAS: the netlib
 * reference BLAS behind the same name is slower than EJML, and a missing library is simply
 * no native kernel, with the reason on record.
 */
class BlasKernelsTest {
    private static final String LIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";

    @Test
    void referenceBlasIsNotTaken(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("blas")).resolve("libblas.so.3");
        Files.writeString(lib, "not a library");
        withLibPath(lib, () -> {
            assertTrue(BlasKernels.nativeBlas(false).isEmpty());
            assertTrue(BlasKernels.reasons().contains("not an optimized BLAS"), BlasKernels.reasons());
        });
    }

    @Test
    void missingLibraryIsNoKernelWithTheInstallHint(@TempDir Path dir) {
        withLibPath(dir.resolve("nowhere").resolve("libblas.so.3"), () -> {
            assertTrue(BlasKernels.nativeBlas(false).isEmpty());
            assertTrue(BlasKernels.reasons().contains("libopenblas0-pthread"), BlasKernels.reasons());
        });
    }

    private static void withLibPath(Path lib, Runnable check) {
        String old = System.getProperty(LIB_PATH);
        System.setProperty(LIB_PATH, lib.toString());
        try {
            check.run();
        } finally {
            if (old == null) {
                System.clearProperty(LIB_PATH);
            } else {
                System.setProperty(LIB_PATH, old);
            }
        }
    }
}
