package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeakTest {
    private static Peak.Cpu cpu(String vendor, int family, int model, double mhz, String... flags) {
        return new Peak.Cpu(vendor, family, model, "test", Set.of(flags), mhz);
    }

    @Test
    void zen4CountsItsAvx512AsTwo256BitPipes() {
        Peak p = Peak.derive(cpu("AuthenticAMD", 25, 17, 2600, "fma", "avx2", "avx512f"), 0);
        assertEquals(16 * 2.6, p.gflops(), 1e-9);
        assertTrue(p.derivation().contains("double-pumps"), p.derivation());
    }

    @Test
    void intelServerCoresHaveTwo512BitFmaUnitsAndClientCoresOne() {
        assertEquals(32 * 3.0, Peak.derive(cpu("GenuineIntel", 6, 207, 3000, "fma", "avx2", "avx512f"), 0).gflops(), 1e-9);
        assertEquals(16 * 3.0, Peak.derive(cpu("GenuineIntel", 6, 140, 3000, "fma", "avx2", "avx512f"), 0).gflops(), 1e-9);
        assertEquals(16 * 3.0, Peak.derive(cpu("GenuineIntel", 6, 60, 3000, "fma", "avx2"), 0).gflops(), 1e-9);
    }

    @Test
    void aBoostedClockAboveTheNominalOneIsUsedAndSaid() {
        Peak p = Peak.derive(cpu("AuthenticAMD", 25, 17, 2600, "fma", "avx2"), 3500);
        assertEquals(16 * 3.5, p.gflops(), 1e-9);
        assertTrue(p.derivation().contains("measured 3500 MHz"), p.derivation());
        // a loaded machine measures low: the nominal clock stays the floor
        assertEquals(16 * 2.6, Peak.derive(cpu("AuthenticAMD", 25, 17, 2600, "fma", "avx2"), 1200).gflops(), 1e-9);
    }

    @Test
    void parsesTheFirstProcessorOfCpuinfo() {
        Peak.Cpu c = Peak.parse(List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 25", "model\t\t: 17",
                "model name\t: AMD EPYC", "cpu MHz\t\t: 2596.136", "flags\t\t: fpu fma avx2 avx512f", "",
                "processor\t: 1", "cpu MHz\t\t: 1.0"));
        assertEquals("AuthenticAMD", c.vendor());
        assertEquals(25, c.family());
        assertEquals(17, c.model());
        assertEquals(2596.136, c.nominalMhz(), 1e-9);
        assertTrue(c.flags().contains("avx512f"));
    }

    @Test
    void theMeasuredClockIsAPlausibleNumber() {
        double mhz = Peak.measureMhz();
        // no timing bound: only that the measurement yields a finite positive clock
        assertTrue(mhz > 0 && Double.isFinite(mhz), "measured " + mhz);
    }
}
