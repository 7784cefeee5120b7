package dev.chainrule.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Renders DOT files with Graphviz's {@code dot} when it is installed; nothing else needs it. */
final class Graphviz {
    /**
     * Largest graph rendered without asking: dot's layout time grows faster than the graph
     * (a 2,000-term expression, 6,000 nodes, kept it busy for more than a minute).
     */
    static final int MAX_NODES = 500;
    private static final long TIMEOUT_SECONDS = 30;

    private Graphviz() {
    }

    /** The {@code dot} executable on the PATH, if any. */
    static Optional<Path> findDot() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "dot");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code dot -Tsvg dotFile -o svgFile}.
     *
     * @return null on success, else a one-line reason
     */
    static String renderSvg(Path dot, Path dotFile, Path svgFile) {
        try {
            Process p = new ProcessBuilder(dot.toString(), "-Tsvg", dotFile.toString(), "-o", svgFile.toString())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "dot did not finish within " + TIMEOUT_SECONDS + " s";
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                return "dot exited with " + p.exitValue() + (output.isEmpty() ? "" : ": " + output);
            }
            return null;
        } catch (IOException e) {
            return "could not run " + dot + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for dot";
        }
    }
}
