package dev.chainrule.examples.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one thread count's measurements in a fresh JVM, as JMH forks do: same Java, class
 * path and user flags, plus the thread limits, and {@code jdk.incubator.vector} so the
 * Vector API matmul kernel is there when no native BLAS is.
 */
final class Fork {
    private Fork() {
    }

    static void run(Bench.Options o, int threads, Consumer<String> record, PrintStream err) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // keep the user's heap, GC and -D settings; not debug agents or our own thread limit
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-XX:ActiveProcessorCount")
                    && !arg.startsWith("--add-modules") && !arg.equals("jdk.incubator.vector")) {
                cmd.add(arg);
            }
        }
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (jvm.stream().noneMatch(a -> a.startsWith("-Xms") || a.startsWith("-Xmx"))) {
            // a heap floor, so the young generation holds one measured step or chain and
            // heap resizing is not what gets measured; -Xms/-Xmx of your own replace it
            cmd.add("-Xms2g");
        }
        cmd.add("-XX:ActiveProcessorCount=" + threads);
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Bench.class.getName());
        cmd.add("--child");
        cmd.add("--threads");
        cmd.add(Integer.toString(threads));
        cmd.add("--sections");
        cmd.addAll(o.sections);
        if (o.quick) {
            cmd.add("--quick");
        }
        if (!o.tag.isEmpty()) {
            cmd.add("--tag");
            cmd.add(o.tag);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        Process p = pb.start();
        p.getOutputStream().close();
        Thread errors = Bench.pump(p.getErrorStream(), line -> {
            if (!line.contains("Using incubator modules")) {
                err.println(line);
            }
        });
        Thread lines = Bench.pump(p.getInputStream(), line -> {
            if (line.startsWith("{")) {
                record.accept(line);
            } else if (!line.isBlank()) {
                err.println(line);
            }
        });
        int code = p.waitFor();
        lines.join();
        errors.join();
        if (code != 0) {
            throw new IllegalStateException("the benchmark JVM for " + threads + " thread(s) exited with " + code);
        }
    }
}
