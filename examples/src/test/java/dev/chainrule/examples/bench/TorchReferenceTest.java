package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch side of {@code bench --compare}: the scripts come from the jar, PyTorch's faster
 * run is the reference and is named, the core types probed follow the CPU's flags, and without
 * torch nothing is judged and the command fails.
 */
class TorchReferenceTest {
    /** The peak of the issue's machine (Intel, 2 AVX-512 FMA units at ~3.7 GHz), so the percentages below are fixed. */
    static final Peak ISSUE_PEAK = new Peak(117, "fixed for the test");

    @Test
    void theScriptsShipInTheJarAndAreExtractedWhereTheyRun() throws Exception {
        Path dir = Torch.scripts(Bench.Options.parse());
        for (String name : Torch.SCRIPTS) {
            assertTrue(Files.size(dir.resolve(name)) > 100, name);
        }
        assertTrue(Files.readString(dir.resolve("torch_reference.py")).contains("openblas_get_corename"));
        assertTrue(Files.readString(dir.resolve("torch_moons.py")).contains("from moons import make_moons"));
    }

    @Test
    void coreTypesFollowTheCpuFlags() {
        assertEquals(List.of(), Torch.coreTypes(Set.of("sse2")));
        assertEquals(List.of("Haswell", "Zen"), Torch.coreTypes(Set.of("avx2", "fma")));
        assertEquals(List.of("Haswell", "Zen", "SkylakeX"),
                Torch.coreTypes(Set.of("avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl")));
        assertEquals(List.of("Haswell", "Zen", "SkylakeX", "Cooperlake"),
                Torch.coreTypes(Set.of("avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16")));
    }

    @Test
    void theFasterPyTorchRunIsTheReferenceAndIsNamed() {
        List<Json> ours = List.of(
                Json.bench("matmul").put("dtype", "f64").put("n", 1024).put("threads", 1).put("gflops_median", 60.0),
                Json.bench("matmul").put("dtype", "f32").put("n", 1024).put("threads", 1).put("gflops_median", 150.0),
                Json.bench("overhead_chain").put("threads", 1).put("ns_per_op_total", 100.0));
        List<Json> torch = List.of(
                ref("matmul", "as installed").put("dtype", "f64").put("n", 1024).put("gflops_median", 20.0),
                ref("matmul", "SkylakeX").put("dtype", "f64").put("n", 1024).put("gflops_median", 60.0),
                ref("matmul", "as installed").put("dtype", "f32").put("n", 1024).put("gflops_median", 40.0),
                ref("matmul", "SkylakeX").put("dtype", "f32").put("n", 1024).put("gflops_median", 150.0),
                // lower is faster here: the installed run wins
                ref("overhead_chain", "as installed").put("ns_per_op_total", 4000.0),
                ref("overhead_chain", "SkylakeX").put("ns_per_op_total", 5000.0));
        List<Compare.Row> rows = new Compare(ours, torch, ISSUE_PEAK).rows();
        assertEquals(60.0, rows.get(0).theirs(), 1e-12);
        assertEquals(1.0, rows.get(0).ratio(), 1e-12);
        assertEquals("OPENBLAS_CORETYPE=SkylakeX", rows.get(0).reference());
        assertEquals("matmul f32 n=1024", rows.get(1).benchmark());
        assertEquals("≥ 60 % of 234 peak", rows.get(1).target());
        assertEquals("yes (64 %)", rows.get(1).met()); // 150 of 234
        assertEquals(4000.0, rows.get(2).theirs(), 1e-12);
        assertEquals("as installed", rows.get(2).reference());
        assertTrue(new Compare(ours, torch, ISSUE_PEAK).markdown().contains("| OPENBLAS_CORETYPE=SkylakeX |"));
    }

    @Test
    void withoutPyTorchNothingIsJudged() {
        List<Json> ours = List.of(
                Json.bench("matmul").put("dtype", "f64").put("n", 1024).put("threads", 1).put("gflops_median", 100.0),
                Json.bench("value_chain").put("threads", 1).put("total_ms", 50.0));
        for (Compare.Row r : new Compare(ours, List.of(), ISSUE_PEAK).rows()) {
            assertEquals(Compare.NOT_JUDGED, r.met(), r.toString());
        }
    }

    @Test
    void compareWithoutTorchExitsWithOneAndMarksNothingMet() {
        String old = System.getProperty(Torch.PYTHON_PROPERTY);
        System.setProperty(Torch.PYTHON_PROPERTY, "/nonexistent/python3");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int code = Bench.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    "--compare", "--quick", "--in-process", "--sections", "chain", "--threads", "1");
            assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
            String table = out.toString(StandardCharsets.UTF_8);
            assertTrue(table.contains(Compare.NOT_JUDGED), table);
            assertFalse(table.contains("| yes"), table);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot import torch"), err::toString);
        } finally {
            if (old == null) {
                System.clearProperty(Torch.PYTHON_PROPERTY);
            } else {
                System.setProperty(Torch.PYTHON_PROPERTY, old);
            }
        }
    }

    private static Json ref(String bench, String coretype) {
        return Json.bench(bench).put("threads", 1).put("source", "torch").put("coretype", coretype);
    }
}
