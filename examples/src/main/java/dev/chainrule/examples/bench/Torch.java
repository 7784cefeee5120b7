package dev.chainrule.examples.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PyTorch reference scripts with Debian's {@code /usr/bin/python3} (which sees the
 * {@code python3-torch} package) after chainrule's own runs, so the two never share the cores.
 */
final class Torch {
    static final String PYTHON = "/usr/bin/python3";
    private static final List<String> REFERENCE_SECTIONS = List.of("matmul", "mlp", "overhead");

    private Torch() {
    }

    /** The reference records, or none (with a note on {@code err}) when torch is not installed. */
    static List<Json> run(Bench.Options o, PrintStream out, PrintStream err) throws Exception {
        List<Json> records = new ArrayList<>();
        Path dir = scripts(o);
        if (dir == null) {
            err.println("bench: --compare: torch_reference.py not found; pass --torch-dir (looked for shared/bench above the working directory and the jar)");
            return records;
        }
        if (!Files.isExecutable(Path.of(PYTHON)) || exec(List.of(PYTHON, "-c", "import torch"), null, err) != 0) {
            err.println("bench: --compare: " + PYTHON + " cannot import torch; install it with "
                    + "'apt-get install -y python3-torch libopenblas0-pthread' (see ../shared/bench/README.md)");
            return records;
        }
        List<String> threads = o.threads.stream().map(String::valueOf).collect(java.util.stream.Collectors.toList());
        List<String> sections = new ArrayList<>(o.sections);
        sections.retainAll(REFERENCE_SECTIONS);
        if (!sections.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of(PYTHON, dir.resolve("torch_reference.py").toString(),
                    "--dtypes", "f64", "--sections"));
            cmd.addAll(sections);
            cmd.add("--threads");
            cmd.addAll(threads);
            if (o.quick) {
                cmd.addAll(List.of("--sizes", "32", "64", "--repeats", "2", "--min-time", "0.01", "--warmup-time", "0.01",
                        "--mlp-steps", "3", "--mlp-warmup", "1", "--mlp-repeats", "1", "--chain-ops", "300",
                        "--chain-repeats", "2"));
            }
            collect(cmd, records, out, err);
        }
        if (o.sections.contains("moons")) {
            List<String> cmd = new ArrayList<>(List.of(PYTHON, dir.resolve("torch_moons.py").toString(), "--threads"));
            cmd.addAll(threads);
            if (o.quick) {
                cmd.addAll(List.of("--steps", "3", "--repeats", "2"));
            }
            collect(cmd, records, out, err);
        }
        return records;
    }

    private static void collect(List<String> cmd, List<Json> records, PrintStream out, PrintStream err) throws Exception {
        int code = exec(cmd, line -> {
            if (line.startsWith("{")) {
                Json r = Compare.parse(line).put("source", "torch");
                out.println(r);
                records.add(r);
            }
        }, err);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + code);
        }
    }

    private static int exec(List<String> cmd, java.util.function.Consumer<String> lines, PrintStream err) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        Thread e = Bench.pump(p.getErrorStream(), lines == null ? s -> { } : err::println);
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
     * The directory with the reference scripts: the option, else {@code shared/bench} in the
     * working directory or any directory above it, or above the jar (the repository sits
     * beside {@code shared/}).
     */
    static Path scripts(Bench.Options o) {
        if (o.torchDir != null) {
            return Files.isRegularFile(o.torchDir.resolve("torch_reference.py")) ? o.torchDir.toAbsolutePath() : null;
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception | Error e) {
            // no code source (unusual class loader): the working directory remains
        }
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                Path c = p.resolve("shared").resolve("bench");
                if (Files.isRegularFile(c.resolve("torch_reference.py"))) {
                    return c.normalize();
                }
            }
        }
        return null;
    }
}
