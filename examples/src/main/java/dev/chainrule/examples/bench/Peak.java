package dev.chainrule.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The f64 FMA peak of one core, derived from the machine rather than assumed: the clock times
 * the f64 flops one core can issue per cycle ({@link #flopsPerCycle}, a table by vendor, family
 * and model, from the vendors' optimization manuals), with {@link #derivation()} saying how.
 *
 * <p>The clock is the larger of the nominal one ({@code cpu MHz} of {@code /proc/cpuinfo}, in a
 * VM usually the base or TSC clock) and one measured here ({@link #measureMhz()}): a core that
 * boosts above its nominal clock runs the products faster than the nominal peak would allow,
 * and a loaded machine only ever measures low, so the larger one is the honest bar. The f32 peak
 * is twice the f64 one (twice the lanes per vector).
 *
 * @param gflops      f64 GFLOP/s of one core at the clock used
 * @param derivation  how: the CPU, the table row, the clocks
 */
record Peak(double gflops, String derivation) {
    /** What {@code /proc/cpuinfo} says about the first CPU. */
    record Cpu(String vendor, int family, int model, String name, Set<String> flags, double nominalMhz) {
    }

    /** The peak of this machine, measuring the clock (about 0.3 s). */
    static Peak ofThisMachine() {
        return derive(cpu(), measureMhz());
    }

    /**
     * The peak of {@code cpu} at the larger of its nominal and {@code measuredMhz} clocks.
     *
     * @param cpu         what {@code /proc/cpuinfo} says
     * @param measuredMhz the clock {@link #measureMhz()} found, or 0 when not measured
     * @return the peak and how it was found
     */
    static Peak derive(Cpu cpu, double measuredMhz) {
        Object[] row = flopsPerCycle(cpu);
        int flops = (int) row[0];
        double mhz = Math.max(cpu.nominalMhz(), measuredMhz);
        String clock = measuredMhz > cpu.nominalMhz()
                ? String.format(Locale.ROOT, "the measured %.0f MHz (nominal %.0f MHz: the core boosts above it)", measuredMhz, cpu.nominalMhz())
                : String.format(Locale.ROOT, "the nominal %.0f MHz (measured %.0f MHz)", cpu.nominalMhz(), measuredMhz);
        double gflops = flops * mhz / 1e3;
        return new Peak(gflops, String.format(Locale.ROOT, "%.0f GFLOP/s f64 per core = %d flops/cycle (%s) × %s; "
                + "%s family %d model %d", gflops, flops, row[1], clock, cpu.vendor(), cpu.family(), cpu.model()));
    }

    /**
     * f64 flops one core issues per cycle, and why: FMA units × f64 lanes per unit × 2 (a fused
     * multiply-add is two flops). Zen 4's AVX-512 runs on its two 256-bit pipes (double-pumped),
     * so AVX-512 does not double its peak; Intel's server cores with AVX-512 have two 512-bit FMA
     * units, its client cores with AVX-512 one.
     *
     * @param cpu the CPU
     * @return {flops per cycle (Integer), the reason (String)}
     */
    static Object[] flopsPerCycle(Cpu cpu) {
        Set<String> f = cpu.flags();
        boolean avx512 = f.contains("avx512f"), fma = f.contains("fma") && f.contains("avx2");
        if (cpu.vendor().equals("AuthenticAMD") || cpu.vendor().equals("HygonGenuine")) {
            if (cpu.family() == 0x1A && avx512) {
                return new Object[] {32, "AMD Zen 5: 2 FMA units × 8 f64 lanes (512-bit) × 2"};
            }
            if (cpu.family() == 0x19) {
                return new Object[] {16, "AMD Zen 3/4: 2 FMA units × 4 f64 lanes (256-bit; Zen 4 double-pumps AVX-512) × 2"};
            }
            if (cpu.family() == 0x17 && cpu.model() >= 0x30) {
                return new Object[] {16, "AMD Zen 2: 2 FMA units × 4 f64 lanes (256-bit) × 2"};
            }
            if (cpu.family() == 0x17) {
                return new Object[] {8, "AMD Zen 1: 2 FMA units × 2 f64 lanes (128-bit) × 2"};
            }
        }
        if (cpu.vendor().equals("GenuineIntel") && cpu.family() == 6 && avx512) {
            // Xeon Scalable (Skylake-SP to Granite Rapids) and Xeon W; the client parts have one 512-bit FMA
            if (SERVER_AVX512.contains(cpu.model())) {
                return new Object[] {32, "Intel Xeon with AVX-512: 2 FMA units × 8 f64 lanes (512-bit) × 2"};
            }
            return new Object[] {16, "Intel client core with AVX-512: 1 FMA unit × 8 f64 lanes (512-bit) × 2"};
        }
        if (fma) {
            return new Object[] {16, "AVX2 and FMA (" + cpu.vendor() + "): 2 FMA units × 4 f64 lanes (256-bit) × 2"};
        }
        return new Object[] {4, "no FMA flags: assumed 1 add + 1 multiply unit × 2 f64 lanes (SSE2)"};
    }

    /** Intel family 6 models with two AVX-512 FMA units: Skylake-SP/Cascade/Cooper Lake, Ice Lake-SP, Sapphire/Emerald/Granite Rapids. */
    private static final Set<Integer> SERVER_AVX512 = Set.of(85, 106, 108, 143, 173, 174, 207);

    /** This machine's CPU, from {@code /proc/cpuinfo}; an unknown CPU where there is none. */
    static Cpu cpu() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return new Cpu("unknown", 0, 0, System.getProperty("os.arch"), Set.of(), 0);
        }
    }

    /** The first CPU of {@code /proc/cpuinfo}'s lines. */
    static Cpu parse(List<String> lines) {
        String vendor = "unknown", name = "unknown";
        int family = 0, model = 0;
        double mhz = 0;
        Set<String> flags = Set.of();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (line.isBlank()) {
                break; // the first processor's block ends here
            }
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
            switch (key) {
                case "vendor_id" -> vendor = value;
                case "cpu family" -> family = Integer.parseInt(value);
                case "model" -> model = Integer.parseInt(value);
                case "model name" -> name = value;
                case "cpu MHz" -> mhz = Double.parseDouble(value);
                case "flags" -> flags = Set.of(value.split("\\s+"));
                default -> { }
            }
        }
        return new Cpu(vendor, family, model, name, flags, mhz);
    }

    /**
     * The clock this core runs at now, in MHz, from the best of several short timings of scalar
     * FMAs on twelve independent accumulators: every x86 core of {@link #flopsPerCycle}'s table
     * retires two scalar FMAs per cycle, so FMAs per second / 2 is the clock. A busy machine
     * only slows the loop down, so the best timing is the closest.
     *
     * @return the measured clock in MHz
     */
    static double measureMhz() {
        int iterations = 1 << 20;
        double best = Double.MAX_VALUE, sink = 0;
        long end = System.nanoTime() + 300_000_000L;
        for (int r = 0; r < 200 && (r < 20 || System.nanoTime() < end); r++) {
            long t0 = System.nanoTime();
            sink += fmaLoop(iterations);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        if (sink == 42) {
            System.out.print(""); // keeps the loop's result alive
        }
        return 12.0 * iterations / 2 / best / 1e6;
    }

    /** 12 independent FMA chains of {@code iterations} steps (12 > 2 units × 4-cycle latency). */
    private static double fmaLoop(int iterations) {
        double a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8, a8 = 9, a9 = 10, a10 = 11, a11 = 12;
        double m = 0.999999, c = 1e-7;
        for (int i = 0; i < iterations; i++) {
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
            a8 = Math.fma(a8, m, c);
            a9 = Math.fma(a9, m, c);
            a10 = Math.fma(a10, m, c);
            a11 = Math.fma(a11, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
