package dev.chainrule.examples;

import dev.chainrule.nn.Parameterized;
import dev.chainrule.nn.io.Checkpoint;
import dev.chainrule.nn.io.LoadReport;
import dev.chainrule.nn.optim.Optimizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --resume} and {@code --save}: the model's parameters and the optimizer's state in one file. */
final class Checkpoints {
    private Checkpoints() {
    }

    /**
     * Loads {@code file} into the model and the optimizer when {@code file} is given. A
     * checkpoint of another model or optimizer is refused before anything changes.
     */
    static void resume(Path file, Parameterized model, Optimizer opt, PrintWriter out) {
        if (file == null) {
            return;
        }
        LoadReport report;
        try {
            report = Checkpoint.load(file, model, opt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--resume " + file + " does not fit this model and optimizer: "
                    + e.getMessage(), e);
        }
        out.printf("resumed from %s%s%n", file, converted(report));
    }

    /** Loads only the model's parameters from {@code file} when it is given (the optimizer starts fresh). */
    static void resumeModel(Path file, Parameterized model, PrintWriter out) {
        if (file == null) {
            return;
        }
        LoadReport report;
        try {
            report = Checkpoint.load(file, model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--resume " + file + " does not fit this model: " + e.getMessage(), e);
        }
        out.printf("resumed the model from %s%s%n", file, converted(report));
    }

    /** {@code " (converted n tensors: F64 -> float32)"}, or nothing when the file had the model's type. */
    private static String converted(LoadReport r) {
        if (!r.converted()) {
            return "";
        }
        return " (converted " + r.conversions().size() + " tensors to the model's type: "
                + r.conversions().get(0).replaceFirst("^.*: ", "") + ")";
    }

    /** Writes the model and the optimizer to {@code file} when it is given. */
    static void save(Path file, Parameterized model, Optimizer opt, PrintWriter out) {
        if (file == null) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--save " + file + ": cannot create its directory: " + OutputPaths.reason(e), e);
        }
        Checkpoint.save(file, model, opt);
        out.printf("checkpoint: %s%n", file);
    }
}
