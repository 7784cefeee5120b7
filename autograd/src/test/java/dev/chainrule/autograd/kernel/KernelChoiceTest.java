package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.kernel.KernelChoice.Candidate;
import dev.chainrule.autograd.kernel.KernelChoice.Choice;
import dev.chainrule.autograd.kernel.KernelChoice.Kind;
import dev.chainrule.autograd.kernel.KernelChoice.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel choice as a pure function of made-up machines: no library is loaded here. */
class KernelChoiceTest {
    private static final Candidate BUNDLED = new Candidate(Kind.BUNDLED, "bundled-openblas", true, 1);
    private static final Candidate SYSTEM_2 = new Candidate(Kind.SYSTEM, "native-blas:openblas-pthread", false, 2);
    private static final Candidate SYSTEM_1 = new Candidate(Kind.SYSTEM, "native-blas:openblas-pthread", false, 1);
    private static final Candidate VECTOR = new Candidate(Kind.VECTOR, "netlib-vector", false, 1);
    private static final Candidate JAVA_VECTOR = new Candidate(Kind.JAVA_VECTOR, "vector", false, 1);

    private static Choice auto(int threads, Candidate... offered) {
        return KernelChoice.choose(List.of(offered), new Settings("auto", threads));
    }

    @Test
    void theBundledLibraryComesFirstAndGetsTheThreadCount() {
        for (int t : new int[] {1, 2, 8}) {
            Choice c = auto(t, VECTOR, SYSTEM_2, BUNDLED);
            assertEquals(BUNDLED, c.kernel());
            assertEquals(t, c.setThreads());
            assertTrue(c.smallToEjml());
        }
    }

    @Test
    void theSystemLibraryIsTakenOnlyWithinTheThreadBudget() {
        // its thread count was fixed when it loaded (OPENBLAS_NUM_THREADS): 2 threads is too many for --threads 1
        assertEquals(VECTOR, auto(1, SYSTEM_2, VECTOR).kernel());
        assertEquals(Kind.EJML, auto(1, SYSTEM_2).kernel().kind());
        assertEquals(SYSTEM_2, auto(2, SYSTEM_2, VECTOR).kernel());
        assertEquals(SYSTEM_1, auto(1, SYSTEM_1, VECTOR).kernel());
        assertEquals(0, auto(2, SYSTEM_2).setThreads(), "nothing to set on a fixed-thread library");
    }

    @Test
    void withoutNativeLibrariesChainrulesVectorKernelComesBeforeNetlibsAndEjml() {
        for (int t : new int[] {1, 2}) {
            Choice c = auto(t, VECTOR, JAVA_VECTOR);
            assertEquals(JAVA_VECTOR, c.kernel());
            assertTrue(c.smallToEjml(), "tiny products still go to EJML");
            assertEquals(0, c.setThreads());
        }
        assertEquals(BUNDLED, auto(1, JAVA_VECTOR, BUNDLED).kernel());
        assertEquals(JAVA_VECTOR, KernelChoice.choose(List.of(BUNDLED, JAVA_VECTOR), new Settings("vector", 2)).kernel());
    }

    @Test
    void withoutNativeOrVectorKernelsEjmlRunsSingleOrThreaded() {
        Choice one = auto(1);
        assertEquals(Kind.EJML, one.kernel().kind());
        assertFalse(one.smallToEjml());
        assertEquals(Kind.EJML_MT, auto(2).kernel().kind());
    }

    @Test
    void aForcedKernelIsUsedForEverySizeAndMustBeThere() {
        Choice forced = KernelChoice.choose(List.of(BUNDLED, SYSTEM_2), new Settings("native-blas", 1));
        assertEquals(SYSTEM_2, forced.kernel());
        assertFalse(forced.smallToEjml());
        assertEquals(Kind.EJML, KernelChoice.choose(List.of(BUNDLED), new Settings("ejml", 2)).kernel().kind());
        assertEquals(3, KernelChoice.choose(List.of(BUNDLED), new Settings("bundled", 3)).setThreads());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> KernelChoice.choose(List.of(VECTOR), new Settings("bundled", 1)));
        assertTrue(missing.getMessage().contains("chainrule.matmul=bundled") && missing.getMessage().contains("not available"),
                missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> KernelChoice.choose(List.of(), new Settings("cublas", 1)));
        assertTrue(unknown.getMessage().contains("cublas") && unknown.getMessage().contains("netlib-vector"),
                unknown.getMessage());
    }

    @Test
    void badSettingsAndCandidatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Settings("auto", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Candidate(Kind.SYSTEM, "x", false, 0));
        assertTrue(e.getMessage().contains("fixedThreads"), e.getMessage());
    }

    @Test
    void withoutAProviderOnTheClassPathTheReportSaysHowToAddOne() {
        // autograd's own tests have no provider: chainrule-native-blas depends on autograd, not the reverse
        assertTrue(BlasKernels.bundled().isEmpty());
        assertTrue(BlasKernels.reasons().contains("chainrule-native-blas"), BlasKernels.reasons());
    }

    @Test
    void theVectorKernelLoadsWhereTheJvmHasTheVectorModule() {
        // the tests run with --add-modules jdk.incubator.vector (autograd's pom)
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertEquals("vector", BlasKernels.javaVector().orElseThrow().name());
        assertTrue(MatMul.available().stream().anyMatch(k -> k.name().equals("vector")),
                "the kernel properties compare it with EJML");
    }

    @Test
    void nativeFalseKeepsTheNativeLibrariesOut() {
        String old = System.getProperty(MatMul.NATIVE_PROPERTY);
        System.setProperty(MatMul.NATIVE_PROPERTY, "false");
        try {
            assertFalse(BlasKernels.nativeAllowed());
            assertTrue(BlasKernels.nativeBlas(true).isEmpty(), "even when asked for");
            assertTrue(BlasKernels.reasons().contains("-D" + MatMul.NATIVE_PROPERTY + "=false"), BlasKernels.reasons());
        } finally {
            if (old == null) {
                System.clearProperty(MatMul.NATIVE_PROPERTY);
            } else {
                System.setProperty(MatMul.NATIVE_PROPERTY, old);
            }
        }
        assertTrue(BlasKernels.nativeAllowed());
    }
}
