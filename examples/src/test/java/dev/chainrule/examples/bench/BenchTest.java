package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark harness: every section emits its records, the table divides the right way round. */
class BenchTest {
    /** The peak of the issue's machine (Intel, 2 AVX-512 FMA units at ~3.7 GHz), so the percentages below are fixed. */
    static final Peak ISSUE_PEAK = new Peak(117, "fixed for the test");

    @Test
    void quickRunEmitsOneRecordPerMeasurementWithTheReferenceFields() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Bench.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "--quick", "--in-process", "--threads", "1");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                records.add(Compare.parse(line).fields());
            }
        }
        Set<String> benches = records.stream().map(r -> (String) r.get("bench")).collect(Collectors.toSet());
        assertEquals(Set.of("env", "matmul", "mlp", "overhead_chain", "overhead_chain_value", "moons_step", "value_chain"),
                benches);
        for (Map<String, Object> r : records) {
            if (!r.get("bench").equals("env")) {
                assertEquals(1, r.get("threads"), r.toString());
                assertNotNull(r.get("kernel"), r.toString());
            }
        }
        Map<String, Object> mlp = records.stream().filter(r -> r.get("bench").equals("mlp")).findFirst().orElseThrow();
        for (String field : List.of("arch", "batch", "samples_per_s_median", "ms_per_step_median", "final_loss", "gc_pct")) {
            assertTrue(mlp.containsKey(field), field + " missing from " + mlp);
        }
        double loss = ((Number) mlp.get("final_loss")).doubleValue();
        // cross-entropy of 10 classes starts near ln 10 and must be a real number
        assertTrue(loss > 0 && loss < 5, "mlp loss " + loss);
        Map<String, Object> overhead = records.stream().filter(r -> r.get("bench").equals("overhead_chain")).findFirst().orElseThrow();
        Map<String, Object> value = records.stream().filter(r -> r.get("bench").equals("overhead_chain_value")).findFirst().orElseThrow();
        // the same chain through the tensor and the scalar engine has the same gradient
        assertEquals(((Number) overhead.get("grad")).doubleValue(), ((Number) value.get("grad")).doubleValue(), 1e-12);
    }

    @Test
    void ratiosSayHowManyTimesFasterChainruleIs() {
        List<Json> ours = List.of(
                Json.bench("matmul").put("dtype", "f64").put("n", 1024).put("threads", 1).put("gflops_median", 66.0),
                Json.bench("overhead_chain").put("threads", 1).put("ns_per_op_total", 100.0),
                Json.bench("moons_step").put("engine", "value").put("threads", 1).put("us_per_step_median", 1000.0),
                Json.bench("value_chain").put("threads", 1).put("total_ms", 250.0));
        List<Json> torch = List.of(
                Json.bench("matmul").put("dtype", "f64").put("n", 1024).put("threads", 1).put("gflops_median", 33.0),
                Json.bench("overhead_chain").put("threads", 1).put("ns_per_op_total", 5000.0),
                Json.bench("torch_moons_step").put("threads", 1).put("us_per_step_median", 250.0));
        List<Compare.Row> rows = new Compare(ours, torch, ISSUE_PEAK).rows();
        assertEquals(2.0, rows.get(0).ratio(), 1e-12);   // higher GFLOP/s is better
        assertEquals("yes (56 %)", rows.get(0).met());  // 66 of 117 GFLOP/s, the target 55 %
        assertEquals(50.0, rows.get(1).ratio(), 1e-12);  // lower ns/op is better
        assertEquals("yes", rows.get(1).met());
        assertEquals(0.25, rows.get(2).ratio(), 1e-12);
        assertEquals(700.0, rows.get(3).ours(), 1e-9);   // 0.7 s / 1 ms
        assertEquals("**no**", rows.get(4).met());       // 250 ms is over the 200 ms target
        String table = new Compare(ours, torch, ISSUE_PEAK).markdown();
        assertTrue(table.startsWith("| benchmark | threads |"), table);
    }

    @Test
    void badArgumentsExitWithTwoAndAHintToTheHelp() {
        for (String[] args : List.of(new String[] {"--sections", "gpu"}, new String[] {"--threads", "0"},
                new String[] {"--report", "B.md"}, new String[] {"--frobnicate"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Bench.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), args);
            assertEquals(2, code, String.join(" ", args));
            String text = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, text.lines().count(), text);
            assertTrue(text.endsWith("see 'chainrule bench --help'" + System.lineSeparator()), text);
        }
    }
}
