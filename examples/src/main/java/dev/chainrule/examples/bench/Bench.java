package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Backend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * chainrule's benchmarks, mirroring the PyTorch scripts {@code torch_reference.py} and
 * {@code torch_moons.py} that ship in this jar (examples/src/main/resources/dev/chainrule/examples/bench/torch;
 * same shapes, op chains, optimizer, thread counts, JSON fields) so the two columns divide.
 * One JSON object per line on standard output.
 *
 * <pre>
 * chainrule bench [--sections matmul mlp overhead moons chain] [--threads 1 2]
 *                 [--compare] [--torch-dir DIR] [--report BENCHMARKS.md] [--quick] [--tag T]
 * </pre>
 * Each thread count runs in its own JVM, started like JMH's forks, with
 * {@code -XX:ActiveProcessorCount=t}, {@code OPENBLAS_NUM_THREADS=t} and a 2 GiB heap floor
 * ({@code -Xms2g}, unless you pass your own heap flags): the JVM's own pools
 * (EJML's threaded kernels, GC and JIT threads) and a native BLAS then use t threads, as
 * {@code torch.set_num_threads(t)} does for PyTorch. {@code --compare} then runs the PyTorch
 * scripts one after the other, never at the same time, as installed and with the fastest
 * OpenBLAS core type (see {@link Torch}), and prints a table of ratios against the faster;
 * {@code --report} also writes it as Markdown. Without torch it exits with 1 and judges nothing.
 */
public final class Bench {
    /** Every section, in the order they run. */
    static final List<Section> SECTIONS = List.of(new MatmulBench(), new MlpBench(), new OverheadBench(),
            new MoonsBench(), new ChainBench());

    private Bench() {
    }

    /**
     * Runs the benchmarks and exits with {@link #run}'s code.
     *
     * @param args the benchmark options, as for {@link #run}
     */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the benchmarks with the given arguments, printing records to {@code out} and
     * progress and errors to {@code err}.
     *
     * @param out  receives the benchmark records
     * @param err  receives progress and error messages
     * @param args the benchmark options
     * @return 0 on success, 1 when a run failed, 2 for bad arguments
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("chainrule bench: " + e.getMessage());
            err.println("see 'chainrule bench --help'");
            return 2;
        }
        if (o.help) {
            out.println(Options.USAGE);
            return 0;
        }
        try {
            if (o.child) {
                runSections(o, o.threads.get(0), out::println);
                return 0;
            }
            List<Json> ours = new ArrayList<>();
            String loadBefore = Machine.loadAverage();
            Peak peak = Peak.ofThisMachine(); // before the runs: nothing of ours competes for the clock
            Json env = environment().put("peak_gflops_f64", Timing.round(peak.gflops(), 1)).put("peak", peak.derivation());
            out.println(env);
            for (int t : o.threads) {
                if (o.inProcess) {
                    runSections(o, t, r -> {
                        out.println(r);
                        ours.add(r);
                    });
                } else {
                    Fork.run(o, t, line -> {
                        out.println(line);
                        ours.add(Compare.parse(line));
                    }, err);
                }
            }
            if (o.compare) {
                List<Json> theirs;
                try {
                    theirs = Torch.run(o, out, err);
                } catch (Torch.Unavailable e) {
                    // chainrule's own figures are still shown, but no row is judged without the reference
                    out.println();
                    out.println(new Compare(ours, List.of(), peak).markdown());
                    err.println("bench: --compare: " + e.getMessage() + "; nothing compared"
                            + (o.report == null ? "" : ", " + o.report + " not written"));
                    return 1;
                }
                Compare table = new Compare(ours, theirs, peak);
                out.println();
                out.println(table.markdown());
                if (o.report != null) {
                    Report.write(o.report, o, env, loadBefore, table, ours, theirs);
                    err.println("bench: wrote " + o.report);
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("bench: " + e.getMessage());
            return 1;
        }
    }

    private static void runSections(Options o, int threads, java.util.function.Consumer<Json> emit) throws Exception {
        Backend.threads(threads); // the BLAS thread count, or a kernel that keeps to it
        Settings s = new Settings(threads, o.quick, o.tag, emit);
        for (Section section : SECTIONS) {
            if (o.sections.contains(section.name())) {
                section.run(s);
            }
        }
    }

    /** The machine and runtime, as the reference script's {@code env} line. */
    static Json environment() {
        List<String> gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.toList());
        return Json.bench("env").put("java", System.getProperty("java.version"))
                .put("vm", System.getProperty("java.vm.name"))
                .put("cpu", Machine.cpuModel()).put("cores", Runtime.getRuntime().availableProcessors())
                .put("gc", gcs).put("matmul", matmulReport());
    }

    /**
     * The kernel report of this JVM. A kernel forced with {@code -Dchainrule.matmul} may need
     * flags only the forked JVMs get (the Vector API module), so its absence here is reported,
     * not fatal; every record names the kernel its own JVM used.
     */
    private static String matmulReport() {
        try {
            return Backend.report();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Command-line options. */
    static final class Options {
        static final String USAGE = String.join("\n",
                "Usage: chainrule bench [--sections NAME...] [--threads N...] [--compare] [--torch-dir DIR]",
                "                       [--report FILE] [--quick] [--tag TAG] [--in-process]",
                "  --sections   any of matmul mlp overhead moons chain (default: all)",
                "  --threads    thread counts, each run in its own JVM (default: 1 2)",
                "  --compare    also run the PyTorch reference scripts with /usr/bin/python3 (as installed and with",
                "               the fastest OPENBLAS_CORETYPE) and print ratios against the faster; exits 1 without torch",
                "  --torch-dir  where torch_reference.py, torch_moons.py and moons.py are (default: the copies in the jar)",
                "  --report     write the ratio table, the command and the machine as Markdown (with --compare)",
                "  --quick      tiny sizes and repeat counts: checks that everything runs, numbers meaningless",
                "  --in-process run every thread count in this JVM instead of forking one per count");
        final List<String> sections = new ArrayList<>();
        final List<Integer> threads = new ArrayList<>();
        boolean compare;
        boolean quick;
        boolean child;
        boolean inProcess;
        boolean help;
        String tag = "";
        Path torchDir;
        Path report;
        final List<String> raw = new ArrayList<>();

        static Options parse(String... args) {
            Options o = new Options();
            List<String> names = SECTIONS.stream().map(Section::name).collect(Collectors.toList());
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                o.raw.add(a);
                switch (a) {
                    case "--sections":
                        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                            String s = args[++i];
                            o.raw.add(s);
                            if (!names.contains(s)) {
                                throw new IllegalArgumentException("unknown section '" + s + "'; expected one of " + names);
                            }
                            o.sections.add(s);
                        }
                        break;
                    case "--threads":
                        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                            String s = args[++i];
                            o.raw.add(s);
                            try {
                                int t = Integer.parseInt(s);
                                if (t < 1) {
                                    throw new NumberFormatException();
                                }
                                o.threads.add(t);
                            } catch (NumberFormatException e) {
                                throw new IllegalArgumentException("--threads takes positive integers, got '" + s + "'");
                            }
                        }
                        break;
                    case "--compare": o.compare = true; break;
                    case "--quick": o.quick = true; break;
                    case "--child": o.child = true; break;
                    case "--in-process": o.inProcess = true; break;
                    case "--help": case "-h": o.help = true; break;
                    case "--tag": o.tag = value(args, ++i, a); o.raw.add(o.tag); break;
                    case "--torch-dir": o.torchDir = Path.of(value(args, ++i, a)); o.raw.add(args[i]); break;
                    case "--report": o.report = Path.of(value(args, ++i, a)); o.raw.add(args[i]); break;
                    default:
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (o.sections.isEmpty()) {
                o.sections.addAll(names);
            }
            if (o.threads.isEmpty()) {
                o.threads.addAll(o.child ? List.of(Runtime.getRuntime().availableProcessors()) : List.of(1, 2));
            }
            if (o.report != null && !o.compare) {
                throw new IllegalArgumentException("--report needs --compare: the report is the ratio table");
            }
            if (o.report != null && !o.child) {
                // written after minutes of benchmarks: checked first
                dev.chainrule.examples.OutputPaths.fileProblem(o.report).ifPresent(why -> {
                    throw new IllegalArgumentException("--report " + o.report + ": cannot write it: " + why);
                });
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }

    /** Reads a child process's lines on a thread of its own, so neither pipe fills and blocks. */
    static Thread pump(java.io.InputStream in, java.util.function.Consumer<String> line) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String s; (s = r.readLine()) != null; ) {
                    line.accept(s);
                }
            } catch (IOException e) {
                line.accept("bench: reading a child process failed: " + e.getMessage());
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Keeps records in a map keyed by their identifying fields, for the comparison table. */
    static Map<String, Json> index(List<Json> records) {
        Map<String, Json> m = new LinkedHashMap<>();
        for (Json r : records) {
            m.put(Compare.key(r), r);
        }
        return m;
    }
}
