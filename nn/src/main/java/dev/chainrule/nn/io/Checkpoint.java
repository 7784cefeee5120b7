package dev.chainrule.nn.io;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Buffer;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Parameter;
import dev.chainrule.nn.Parameterized;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.OptimizerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Saves and loads a model's named parameters, and optionally an optimizer's state, as one
 * safetensors file ({@link SafeTensors}):
 * <pre>{@code
 * Checkpoint.save(Path.of("model.safetensors"), model, optimizer);
 * Checkpoint.load(Path.of("model.safetensors"), model, optimizer);
 * }</pre>
 * Parameters are stored under their names with their shapes, and so are a {@link Module}'s
 * buffers ({@link Module#namedBuffers()}, e.g. BatchNorm's running statistics); optimizer entries under
 * {@code optimizer.<entry>} (e.g. {@code optimizer.param.0.exp_avg}) with the algorithm in the
 * metadata. Saving is atomic. Loading checks everything first (every parameter present with
 * its shape, nothing unknown in the file, a readable dtype, the optimizer's algorithm and
 * sizes, the {@code format} marker {@code chainrule-checkpoint-2} in the metadata) and changes
 * the model and the optimizer only when all of it matches; otherwise it throws an
 * {@link IllegalArgumentException} naming the file and what did not match. A path that cannot
 * be read or written (missing, a directory, a root such as {@code /}, no permission) gives an
 * {@link java.io.UncheckedIOException} saying so. Saving and loading remove a temporary file a
 * killed save of the same path left behind ({@link SafeTensors#temporaryFile}).
 *
 * <p>Each tensor is stored in its own type: a float32 parameter or buffer as "F32", float64 as
 * "F64" (optimizer state, kept in float64, as "F64"). Loading into a model of the other type
 * converts (F32 to F64 exactly, F64 to F32 rounded to the nearest float; a number beyond
 * float32's range is refused before anything changes) and says so in the returned
 * {@link LoadReport}.
 *
 * <p>Files of format {@code chainrule-checkpoint-1} were written while {@link dev.chainrule.nn.Linear}
 * stored its weight [in, out]; {@link #load} reads them into today's [out, in] layout (the model
 * says which tensors are Linear weights), and refuses only their optimizer state for such a model,
 * whose moments it cannot map: load the model alone and save it again to get a format-2 file.
 */
public final class Checkpoint {
    /** Prefix of the optimizer's entries. */
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final String FORMAT_KEY = "format";
    /** Format 2: Linear weights [out, in] (format 1 had [in, out]; {@link #load} converts it). */
    private static final String FORMAT = "chainrule-checkpoint-2";
    private static final String ALGORITHM_KEY = "optimizer";

    private Checkpoint() {
    }

    /**
     * Saves the model's parameters.
     *
     * @param path  the file to write
     * @param model whose parameters to save
     */
    public static void save(Path path, Parameterized model) {
        save(path, model, null);
    }

    /**
     * Saves the model's parameters and, when {@code optimizer} is not null, its state.
     *
     * @param path      the file to write
     * @param model     whose parameters (and buffers) to save
     * @param optimizer whose state to save, or null
     */
    public static void save(Path path, Parameterized model, Optimizer optimizer) {
        Objects.requireNonNull(model, "Checkpoint.save: model is null");
        Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            if (e.getKey().startsWith(OPTIMIZER_PREFIX)) {
                throw new IllegalArgumentException("Checkpoint.save: parameter name '" + e.getKey() + "' clashes with the "
                        + "optimizer prefix '" + OPTIMIZER_PREFIX + "'");
            }
            tensors.put(e.getKey(), SafeTensors.Entry.of(e.getValue().dtype(), e.getValue().shape(), e.getValue().snapshot()));
        }
        for (Map.Entry<String, Buffer> e : buffersOf(model).entrySet()) {
            if (tensors.containsKey(e.getKey()) || e.getKey().startsWith(OPTIMIZER_PREFIX)) {
                throw new IllegalArgumentException("Checkpoint.save: buffer name '" + e.getKey() + "' clashes with a "
                        + "parameter or the optimizer prefix");
            }
            Tensor b = e.getValue().get();
            tensors.put(e.getKey(), SafeTensors.Entry.of(b.dtype(), b.shape(), b.toArray()));
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

    /**
     * Loads the model's parameters (optimizer state in the file, if any, is left unread).
     *
     * @param path  a file {@link #save} wrote
     * @param model receives the parameters
     * @return the tensors converted between the file's type and the model's, if any
     */
    public static LoadReport load(Path path, Parameterized model) {
        return load(path, model, null);
    }

    /**
     * Loads the model's parameters and, when {@code optimizer} is not null, its state. Nothing
     * changes unless every check passes.
     *
     * @param path      a file {@link #save} wrote
     * @param model     receives the parameters (and buffers)
     * @param optimizer receives its state, or null to leave it unread
     * @return the tensors converted between the file's type and the model's, if any
     */
    public static LoadReport load(Path path, Parameterized model, Optimizer optimizer) {
        Objects.requireNonNull(model, "Checkpoint.load: model is null");
        SafeTensors.Contents file = SafeTensors.read(path);
        String where = "Checkpoint.load " + path + ": ";
        String format = file.metadata().get(FORMAT_KEY);
        boolean legacy = LegacyLayout.FORMAT.equals(format);
        if (!FORMAT.equals(format) && !legacy) {
            throw new IllegalArgumentException(where + (format == null ? "no format marker: not a file Checkpoint.save wrote"
                    : "format '" + format + "' is not '" + FORMAT + "'" + (format.startsWith("chainrule-checkpoint-")
                            ? " (written by another version of chainrule?)" : ""))
                    + "; read a PyTorch state dict with Checkpoint.loadPyTorch, other safetensors files with "
                    + "SafeTensors.read");
        }
        // format 1 held Linear weights [in, out]: those are transposed on the way in
        Set<String> transposed = legacy ? LegacyLayout.linearWeightNames(model) : Set.of();
        Map<String, Parameter> params = model.namedParameters();
        List<String> conversions = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            SafeTensors.Entry t = file.tensors().get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException(where + "parameter '" + e.getKey() + "' is missing from the file");
            }
            boolean old = transposed.contains(e.getKey());
            int[] want = old ? LegacyLayout.fileShape(e.getValue().shape()) : e.getValue().shape();
            if (!Arrays.equals(want, t.shape())) {
                throw new IllegalArgumentException(where + "parameter '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + " in the file but " + Arrays.toString(want)
                        + (old ? " (the model's " + Arrays.toString(e.getValue().shape()) + " in the [in, out] layout of "
                        + LegacyLayout.FORMAT + ")" : " in the model"));
            }
            checkConversion(where, "parameter '" + e.getKey() + "'", t, e.getValue().dtype(), conversions);
        }
        Map<String, Buffer> buffers = buffersOf(model);
        for (Map.Entry<String, Buffer> e : buffers.entrySet()) {
            SafeTensors.Entry t = file.tensors().get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException(where + "buffer '" + e.getKey() + "' is missing from the file");
            }
            if (!Arrays.equals(e.getValue().shape(), t.shape())) {
                throw new IllegalArgumentException(where + "buffer '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + " in the file but " + Arrays.toString(e.getValue().shape())
                        + " in the model");
            }
            checkConversion(where, "buffer '" + e.getKey() + "'", t, e.getValue().get().dtype(), conversions);
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
            } else if (!params.containsKey(name) && !buffers.containsKey(name)) {
                throw new IllegalArgumentException(where + "the file holds '" + name + "', which is not a parameter of "
                        + "the model (its parameters: " + params.keySet() + ")");
            }
        }
        if (optimizer != null) {
            String algorithm = file.metadata().get(ALGORITHM_KEY);
            if (algorithm == null) {
                throw new IllegalArgumentException(where + "the file holds no optimizer state");
            }
            if (!transposed.isEmpty()) {
                throw new IllegalArgumentException(where + "the file is a " + LegacyLayout.FORMAT + " checkpoint, written "
                        + "while Linear weights were [in, out]; its optimizer state for " + transposed + " is in that "
                        + "layout and cannot be mapped. Load the model alone with Checkpoint.load(path, model), which "
                        + "converts its weights to [out, in], and save it again (the optimizer starts afresh)");
            }
            try {
                optimizer.loadState(new OptimizerState(algorithm, optimizerEntries)); // checks, then installs
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ex.getMessage(), ex);
            }
        }
        // every check passed: now, and only now, the model changes
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            double[] data = file.tensors().get(e.getKey()).data();
            if (transposed.contains(e.getKey())) {
                int[] s = e.getValue().shape(); // [out, in]
                data = LegacyLayout.toOutIn(data, s[1], s[0]);
            }
            e.getValue().set(data);
        }
        for (Map.Entry<String, Buffer> e : buffers.entrySet()) {
            e.getValue().set(file.tensors().get(e.getKey()).data());
        }
        return new LoadReport(path, conversions);
    }

    /**
     * Notes a tensor stored in the other type than the model's, and refuses F64 numbers that
     * would overflow float32 (they would load as infinities); called before anything changes.
     */
    private static void checkConversion(String where, String what, SafeTensors.Entry stored, DType target,
            List<String> conversions) {
        if (stored.type() == target) {
            return;
        }
        if (target == DType.F32) {
            double[] d = stored.data();
            for (int i = 0; i < d.length; i++) {
                if (Float.isInfinite((float) d[i]) && !Double.isInfinite(d[i])) {
                    throw new IllegalArgumentException(where + what + " holds " + d[i] + " at index " + i + ", beyond "
                            + "float32's range (about ±3.4e38): it cannot be converted to the model's float32");
                }
            }
        }
        conversions.add(what.replace("'", "").replaceFirst("^(parameter|buffer) ", "") + ": " + stored.dtype() + " -> "
                + target);
    }

    /**
     * Loads the state dict of the {@code torch.nn.Sequential} equivalent to {@code model} from a
     * safetensors file, as {@code safetensors.torch.save_file(seq.state_dict(), path)} writes it
     * (F32 or F64). For a {@link dev.chainrule.nn.Sequential} the {@link dev.chainrule.nn.Linear}
     * at position i reads {@code i.weight} [out, in] and {@code i.bias} [out], and activation or
     * dropout layers hold nothing; for an {@link dev.chainrule.nn.MLP} layer k is position 2k,
     * as in {@code Sequential(Linear, ReLU, Linear, ReLU, Linear)}. chainrule's Linear stores its
     * weight [out, in] as PyTorch does, so the numbers are read as they are. Every name and shape is
     * checked first; nothing changes unless all match.
     *
     * @param path  the safetensors file
     * @param model an MLP (without normalization) or a Sequential of Linear and parameter-free layers
     * @return the tensors converted between the file's type and the model's, if any
     * @throws IllegalArgumentException naming the file and the tensor that is missing, unexpected or
     *                                  of the wrong shape, or the layer that has no PyTorch counterpart
     */
    public static LoadReport loadPyTorch(Path path, Module model) {
        List<PyTorchLayout.Slot> slots = PyTorchLayout.slots("Checkpoint.loadPyTorch", model);
        SafeTensors.Contents file = SafeTensors.read(path);
        String where = "Checkpoint.loadPyTorch " + path + ": ";
        Map<String, PyTorchLayout.Slot> byName = new LinkedHashMap<>();
        List<String> conversions = new ArrayList<>();
        for (PyTorchLayout.Slot slot : slots) {
            byName.put(slot.name(), slot);
            SafeTensors.Entry t = file.tensors().get(slot.name());
            if (t == null) {
                throw new IllegalArgumentException(where + "'" + slot.name() + "' is missing from the file (it holds "
                        + file.tensors().keySet() + "; the model expects " + byName(slots) + ")"
                        + (FORMAT.equals(file.metadata().get(FORMAT_KEY)) ? "; the file is a chainrule checkpoint: "
                        + "read it with Checkpoint.load" : ""));
            }
            if (!Arrays.equals(slot.shape(), t.shape())) {
                throw new IllegalArgumentException(where + "'" + slot.name() + "' has shape " + Arrays.toString(t.shape())
                        + " in the file but the model needs " + Arrays.toString(slot.shape())
                        + (slot.weight() ? " (PyTorch's Linear layout [out, in])" : ""));
            }
            checkConversion(where, "'" + slot.name() + "'", t, slot.tensor().dtype(), conversions);
        }
        for (String name : file.tensors().keySet()) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException(where + "the file holds '" + name + "', which the model has no place "
                        + "for (it expects " + byName.keySet() + ")");
            }
        }
        for (PyTorchLayout.Slot slot : slots) { // every check passed: now the model changes
            slot.tensor().setData(file.tensors().get(slot.name()).data());
        }
        return new LoadReport(path, conversions);
    }

    /**
     * Saves {@code model} as the state dict of the equivalent {@code torch.nn.Sequential}
     * (names and layout as {@link #loadPyTorch}, F32 or F64 as the model's tensors, metadata
     * {@code format: pt}); PyTorch reads
     * it with {@code seq.load_state_dict(safetensors.torch.load_file(path))}. Saving is atomic.
     *
     * @param path  the file to write
     * @param model an MLP (without normalization) or a Sequential of Linear and parameter-free layers
     */
    public static void savePyTorch(Path path, Module model) {
        Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>();
        for (PyTorchLayout.Slot slot : PyTorchLayout.slots("Checkpoint.savePyTorch", model)) {
            tensors.put(slot.name(), SafeTensors.Entry.of(slot.tensor().dtype(), slot.shape(), slot.tensor().toArray()));
        }
        SafeTensors.write(path, tensors, Map.of(FORMAT_KEY, "pt"));
    }

    private static List<String> byName(List<PyTorchLayout.Slot> slots) {
        return slots.stream().map(PyTorchLayout.Slot::name).toList();
    }

    /** A module's buffers; other models (the scalar ones) have none. */
    private static Map<String, Buffer> buffersOf(Parameterized model) {
        return model instanceof Module m ? m.namedBuffers() : Map.of();
    }
}
