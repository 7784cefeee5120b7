package dev.chainrule.nn.io;

import dev.chainrule.nn.Parameter;
import dev.chainrule.nn.Parameterized;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.OptimizerState;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Saves and loads a model's named parameters, and optionally an optimizer's state, as one
 * safetensors file ({@link SafeTensors}):
 * <pre>{@code
 * Checkpoint.save(Path.of("model.safetensors"), model, optimizer);
 * Checkpoint.load(Path.of("model.safetensors"), model, optimizer);
 * }</pre>
 * Parameters are stored under their names with their shapes; optimizer entries under
 * {@code optimizer.<entry>} (e.g. {@code optimizer.param.0.exp_avg}) with the algorithm in the
 * metadata. Saving is atomic. Loading checks everything first (every parameter present with
 * its shape, nothing unknown in the file, a readable dtype, the optimizer's algorithm and
 * sizes, the {@code format} marker {@code chainrule-checkpoint-1} in the metadata) and changes
 * the model and the optimizer only when all of it matches; otherwise it throws an
 * {@link IllegalArgumentException} naming the file and what did not match. A path that cannot
 * be read or written (missing, a directory, a root such as {@code /}, no permission) gives an
 * {@link java.io.UncheckedIOException} saying so. Saving and loading remove a temporary file a
 * killed save of the same path left behind ({@link SafeTensors#temporaryFile}).
 */
public final class Checkpoint {
    /** Prefix of the optimizer's entries. */
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final String FORMAT_KEY = "format";
    private static final String FORMAT = "chainrule-checkpoint-1";
    private static final String ALGORITHM_KEY = "optimizer";

    private Checkpoint() {
    }

    /** Saves the model's parameters. */
    public static void save(Path path, Parameterized model) {
        save(path, model, null);
    }

    /** Saves the model's parameters and, when {@code optimizer} is not null, its state. */
    public static void save(Path path, Parameterized model, Optimizer optimizer) {
        Objects.requireNonNull(model, "Checkpoint.save: model is null");
        Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            if (e.getKey().startsWith(OPTIMIZER_PREFIX)) {
                throw new IllegalArgumentException("Checkpoint.save: parameter name '" + e.getKey() + "' clashes with the "
                        + "optimizer prefix '" + OPTIMIZER_PREFIX + "'");
            }
            tensors.put(e.getKey(), SafeTensors.Entry.of(e.getValue().shape(), e.getValue().snapshot()));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT_KEY, FORMAT);
        if (optimizer != null) {
            OptimizerState s = optimizer.state();
            meta.put(ALGORITHM_KEY, s.algorithm());
            for (Map.Entry<String, double[]> e : s.entries().entrySet()) {
                tensors.put(OPTIMIZER_PREFIX + e.getKey(), SafeTensors.Entry.of(new int[] {e.getValue().length}, e.getValue()));
            }
        }
        SafeTensors.write(path, tensors, meta);
    }

    /** Loads the model's parameters (optimizer state in the file, if any, is left unread). */
    public static void load(Path path, Parameterized model) {
        load(path, model, null);
    }

    /**
     * Loads the model's parameters and, when {@code optimizer} is not null, its state. Nothing
     * changes unless every check passes.
     */
    public static void load(Path path, Parameterized model, Optimizer optimizer) {
        Objects.requireNonNull(model, "Checkpoint.load: model is null");
        SafeTensors.Contents file = SafeTensors.read(path);
        String where = "Checkpoint.load " + path + ": ";
        String format = file.metadata().get(FORMAT_KEY);
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(where + (format == null ? "no format marker: not a file Checkpoint.save wrote"
                    : "format '" + format + "' is not '" + FORMAT + "'" + (format.startsWith("chainrule-checkpoint-")
                            ? " (written by another version of chainrule?)" : ""))
                    + "; read other safetensors files with SafeTensors.read");
        }
        Map<String, Parameter> params = model.namedParameters();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            SafeTensors.Entry t = file.tensors().get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException(where + "parameter '" + e.getKey() + "' is missing from the file");
            }
            int[] want = e.getValue().shape();
            if (!Arrays.equals(want, t.shape())) {
                throw new IllegalArgumentException(where + "parameter '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + " in the file but " + Arrays.toString(want) + " in the model");
            }
        }
        Map<String, double[]> optimizerEntries = new LinkedHashMap<>();
        for (Map.Entry<String, SafeTensors.Entry> e : file.tensors().entrySet()) {
            String name = e.getKey();
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                if (e.getValue().shape().length != 1) {
                    throw new IllegalArgumentException(where + "optimizer entry '" + name + "' has shape "
                            + Arrays.toString(e.getValue().shape()) + "; optimizer entries are 1-dimensional");
                }
                optimizerEntries.put(name.substring(OPTIMIZER_PREFIX.length()), e.getValue().data());
            } else if (!params.containsKey(name)) {
                throw new IllegalArgumentException(where + "the file holds '" + name + "', which is not a parameter of "
                        + "the model (its parameters: " + params.keySet() + ")");
            }
        }
        if (optimizer != null) {
            String algorithm = file.metadata().get(ALGORITHM_KEY);
            if (algorithm == null) {
                throw new IllegalArgumentException(where + "the file holds no optimizer state");
            }
            try {
                optimizer.loadState(new OptimizerState(algorithm, optimizerEntries)); // checks, then installs
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ex.getMessage(), ex);
            }
        }
        // every check passed: now, and only now, the model changes
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            e.getValue().set(file.tensors().get(e.getKey()).data());
        }
    }
}
