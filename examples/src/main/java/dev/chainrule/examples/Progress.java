package dev.chainrule.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar for training loops (me.tongfei:progressbar) that shows the
 * latest loss and accuracy. On a terminal it redraws in place; when the output is a file or
 * a pipe it prints a line every few seconds instead; with {@code --no-progress} it is silent.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * Starts a bar of {@code total} steps.
     *
     * @param console where the bar goes and whether it is a terminal
     */
    static Progress start(String task, long total, Console console, boolean silent) {
        if (silent) {
            return new Progress(null);
        }
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setMaxRenderedLength(100);
        if (console.interactive()) {
            b.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(console.errStream()));
        } else {
            PrintWriter err = console.err();
            String[] last = {""};
            b.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(5000)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        // a log gets each state once (the bar repeats its final state on close)
                        if (!line.equals(last[0])) {
                            last[0] = line;
                            err.println(line);
                            err.flush();
                        }
                    }, 100));
        }
        return new Progress(b.build());
    }

    /** One step done; {@code message} (e.g. "loss 0.12 acc 97.1%") is shown beside the bar. */
    void step(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
            bar.step();
        }
    }

    /** Updates the message without a step. */
    void message(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /**
     * Where a command prints: its output and error writers, the raw error stream for the
     * in-place bar, and whether that stream is a terminal.
     */
    record Console(PrintWriter out, PrintWriter err, PrintStream errStream, boolean interactive) {
    }
}
