package dev.chainrule.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the PyTorch reference scripts with Debian's {@code /usr/bin/python3} (which sees the
 * {@code python3-torch} package) after chainrule's own runs, so the two never share the cores.
 * The scripts ship inside the jar ({@code dev/chainrule/examples/bench/torch/}, extracted to a
 * temporary directory) unless {@code --torch-dir} names others.
 *
 * <p>PyTorch runs twice: as installed, and with the OpenBLAS core type that is fastest on this
 * CPU. An OpenBLAS older than the CPU does not recognise it and falls back to its slow generic
 * kernels, which {@code OPENBLAS_CORETYPE} overrides; the best type is found by a probe, a short
 * n = 512 dgemm for each type the CPU's flags allow ({@link #coreTypes}), before the full runs.
 * Every record says which run it came from ({@code variant}, {@code coretype}); the table divides
 * by the faster of the two.
 */
final class Torch {
    /** The interpreter, Debian's by default; the property names another (tests name a missing one). */
    static final String PYTHON_PROPERTY = "chainrule.bench.python";
    static final String RESOURCES = "/dev/chainrule/examples/bench/torch/";
    static final List<String> SCRIPTS = List.of("torch_reference.py", "torch_moons.py", "moons.py");
    private static final List<String> REFERENCE_SECTIONS = List.of("matmul", "mlp", "overhead");

    private Torch() {
    }

    /** Why no reference could be measured. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * The reference records of both runs.
     *
     * @throws Unavailable when torch (or the scripts) cannot be run here
     */
    static List<Json> run(Bench.Options o, PrintStream out, PrintStream err) throws Exception {
        if (!Files.isExecutable(Path.of(python())) || exec(List.of(python(), "-c", "import torch"), null, null, err) != 0) {
            throw new Unavailable(python() + " cannot import torch; install it with "
                    + "'apt-get install -y python3-torch libopenblas0-pthread'");
        }
        Path dir = scripts(o);
        String best = probe(dir, o.quick, err);
        List<Json> records = new ArrayList<>();
        records.addAll(reference(o, dir, null, "installed", out, err));
        if (best != null) {
            records.addAll(reference(o, dir, best, "best", out, err));
        }
        return records;
    }

    static String python() {
        return System.getProperty(PYTHON_PROPERTY, "/usr/bin/python3");
    }

    /**
     * The OpenBLAS core types worth trying on a CPU with these flags, for the probe: the
     * AVX2 kernels (Haswell, and Zen's tuning of them) and, with AVX-512, SkylakeX (and
     * Cooperlake with BF16).
     *
     * @param flags {@code /proc/cpuinfo} flags
     * @return core type names, in {@code OPENBLAS_CORETYPE}'s spelling
     */
    static List<String> coreTypes(Set<String> flags) {
        List<String> types = new ArrayList<>();
        if (flags.contains("avx2") && flags.contains("fma")) {
            types.add("Haswell");
            types.add("Zen");
        }
        if (flags.containsAll(List.of("avx512f", "avx512bw", "avx512dq", "avx512vl"))) {
            types.add("SkylakeX");
            if (flags.contains("avx512_bf16")) {
                types.add("Cooperlake");
            }
        }
        return types;
    }

    /**
     * The core type whose dgemm is fastest here, or null when the installed choice is (or when
     * OpenBLAS is not what torch loaded). Each candidate's figure is its best of three batches.
     */
    private static String probe(Path dir, boolean quick, PrintStream err) throws Exception {
        Map<String, Double> gflops = new LinkedHashMap<>();
        for (String type : prepend(null, coreTypes(Machine.cpuFlags()))) {
            List<String> cmd = List.of(python(), dir.resolve("torch_reference.py").toString(), "--sections", "matmul",
                    "--sizes", quick ? "64" : "512", "--dtypes", "f64", "--threads", "1", "--repeats", quick ? "1" : "3",
                    "--min-time", quick ? "0.01" : "0.15", "--warmup-time", quick ? "0.01" : "0.2", "--tag", "probe");
            List<Json> lines = new ArrayList<>();
            if (exec(cmd, type, line -> {
                if (line.startsWith("{")) {
                    lines.add(Compare.parse(line));
                }
            }, err) != 0) {
                continue;
            }
            String core = lines.stream().filter(r -> "env".equals(r.fields().get("bench")))
                    .map(r -> String.valueOf(r.fields().get("openblas_core"))).findFirst().orElse("null");
            if (core.equals("null")) {
                err.println("bench: PyTorch's BLAS is not OpenBLAS; no core type to choose");
                return null;
            }
            lines.stream().filter(r -> "matmul".equals(r.fields().get("bench"))).findFirst().ifPresent(r ->
                    gflops.put(type == null ? "installed" : type, ((Number) r.fields().get("gflops_max")).doubleValue()));
            if (type == null) {
                err.println("bench: PyTorch's OpenBLAS chose core " + core + " by itself");
            }
        }
        err.println("bench: PyTorch dgemm n=" + (quick ? 64 : 512) + " GFLOP/s by OPENBLAS_CORETYPE: " + gflops);
        String best = gflops.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("installed");
        return best.equals("installed") ? null : best;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** One full run of the scripts with {@code coretype} (null: as installed). */
    private static List<Json> reference(Bench.Options o, Path dir, String coretype, String variant, PrintStream out,
                                        PrintStream err) throws Exception {
        List<Json> records = new ArrayList<>();
        List<String> threads = o.threads.stream().map(String::valueOf).collect(Collectors.toList());
        List<String> sections = new ArrayList<>(o.sections);
        sections.retainAll(REFERENCE_SECTIONS);
        List<String> quick = List.of("--sizes", "32", "64", "--repeats", "2", "--min-time", "0.01", "--warmup-time", "0.01",
                "--mlp-steps", "3", "--mlp-warmup", "1", "--mlp-repeats", "1", "--chain-ops", "300", "--chain-repeats", "2");
        // float32 where chainrule has float32 rows: the matrix product (sgemm) and the MLP step
        List<String> both = new ArrayList<>(List.of("matmul", "mlp"));
        both.retainAll(sections);
        if (!both.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of(python(), dir.resolve("torch_reference.py").toString(),
                    "--dtypes", "f64", "f32", "--sections"));
            cmd.addAll(both);
            cmd.add("--threads");
            cmd.addAll(threads);
            if (o.quick) {
                cmd.addAll(quick);
            }
            collect(cmd, coretype, variant, records, out, err);
        }
        sections.removeAll(both);
        if (!sections.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of(python(), dir.resolve("torch_reference.py").toString(),
                    "--dtypes", "f64", "--sections"));
            cmd.addAll(sections);
            cmd.add("--threads");
            cmd.addAll(threads);
            if (o.quick) {
                cmd.addAll(quick);
            }
            collect(cmd, coretype, variant, records, out, err);
        }
        if (o.sections.contains("moons")) {
            List<String> cmd = new ArrayList<>(List.of(python(), dir.resolve("torch_moons.py").toString(), "--threads"));
            cmd.addAll(threads);
            if (o.quick) {
                cmd.addAll(List.of("--steps", "3", "--repeats", "2"));
            }
            collect(cmd, coretype, variant, records, out, err);
        }
        return records;
    }

    private static void collect(List<String> cmd, String coretype, String variant, List<Json> records, PrintStream out,
                                PrintStream err) throws Exception {
        int code = exec(cmd, coretype, line -> {
            if (line.startsWith("{")) {
                Json r = Compare.parse(line).put("source", "torch").put("variant", variant)
                        .put("coretype", coretype == null ? "as installed" : coretype);
                out.println(r);
                records.add(r);
            }
        }, err);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + code);
        }
    }

    private static int exec(List<String> cmd, String coretype, java.util.function.Consumer<String> lines, PrintStream err)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (coretype != null) {
            pb.environment().put("OPENBLAS_CORETYPE", coretype);
        } else {
            pb.environment().remove("OPENBLAS_CORETYPE");
        }
        Process p = pb.start();
        p.getOutputStream().close();
        Thread e = Bench.pump(p.getErrorStream(), lines == null || err == null ? s -> { } : err::println);
        Thread o = Bench.pump(p.getInputStream(), lines == null ? s -> { } : lines);
        if (!p.waitFor(2, TimeUnit.HOURS)) {
            p.destroy();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
        }
        o.join();
        e.join();
        return p.exitValue();
    }

    /**
     * The directory with the reference scripts: {@code --torch-dir}, else the copies inside the
     * jar, extracted to a temporary directory that is deleted when the JVM exits.
     */
    static Path scripts(Bench.Options o) throws IOException, Unavailable {
        if (o.torchDir != null) {
            if (!Files.isRegularFile(o.torchDir.resolve("torch_reference.py"))) {
                throw new Unavailable("--torch-dir " + o.torchDir + " has no torch_reference.py");
            }
            return o.torchDir.toAbsolutePath();
        }
        Path dir = Files.createTempDirectory("chainrule-torch-bench");
        dir.toFile().deleteOnExit();
        for (String name : SCRIPTS) {
            try (InputStream in = Torch.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new Unavailable("the jar has no " + RESOURCES + name);
                }
                Path file = dir.resolve(name);
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
            }
        }
        return dir;
    }

    /** The faster of several reference records of one measurement, by its headline field. */
    static Comparator<Json> faster() {
        return Comparator.comparingDouble(Torch::speed);
    }

    /** A record's headline figure oriented so that larger is faster. */
    static double speed(Json r) {
        Map<String, Object> f = r.fields();
        String bench = String.valueOf(f.get("bench"));
        switch (bench) {
            case "matmul":
                return ((Number) f.get("gflops_median")).doubleValue();
            case "mlp":
                return ((Number) f.get("samples_per_s_median")).doubleValue();
            case "overhead_chain":
                return -((Number) f.get("ns_per_op_total")).doubleValue();
            case "torch_moons_step":
                return -((Number) f.get("us_per_step_median")).doubleValue();
            default:
                return 0;
        }
    }
}
