package dev.chainrule.nn.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a checkpoint load did beyond copying numbers: the tensors it converted between the file's
 * element type and the model's ({@link Checkpoint#load}, {@link Checkpoint#loadPyTorch}).
 * F32 to F64 is exact; F64 to F32 rounds each number to the nearest float (a number beyond
 * float32's range is refused before anything changes). Print it, or check {@link #converted()}:
 * <pre>{@code
 * LoadReport r = Checkpoint.load(path, model);
 * if (r.converted()) System.err.println(r);   // "... converted 4 tensors from float64 to float32: ..."
 * }</pre>
 *
 * @param path        the file read
 * @param conversions one line per converted tensor, e.g. {@code layers.0.weight: F64 -> float32}
 */
public record LoadReport(Path path, List<String> conversions) {
    /**
     * Copies the list.
     *
     * @param path        the file read
     * @param conversions one line per converted tensor
     */
    public LoadReport {
        Objects.requireNonNull(path, "LoadReport: path is null");
        conversions = List.copyOf(conversions);
    }

    /**
     * True when some tensor was converted between float32 and float64.
     *
     * @return whether any tensor changed type on the way in
     */
    public boolean converted() {
        return !conversions.isEmpty();
    }

    /** {@code <path>: loaded as stored} or {@code <path>: converted n tensors (name: F64 -> float32, ...)}. */
    @Override
    public String toString() {
        return path + (conversions.isEmpty() ? ": loaded as stored"
                : ": converted " + conversions.size() + (conversions.size() == 1 ? " tensor" : " tensors")
                + " to the model's type (" + String.join(", ", conversions) + ")");
    }
}
