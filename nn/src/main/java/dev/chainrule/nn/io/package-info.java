/**
 * Checkpoints in the safetensors format: {@link dev.chainrule.nn.io.SafeTensors} reads and
 * writes the files (atomically), {@link dev.chainrule.nn.io.Checkpoint} saves and loads a
 * model's named parameters with an optimizer's state, validating everything before changing
 * anything.
 *
 * <p>Failures, the same for every loader here and in {@code dev.chainrule.nn.data}: an
 * {@link java.lang.IllegalArgumentException} naming the file and what is wrong when its content
 * is not what the format allows (malformed, truncated, sizes that do not add up or do not fit in
 * the heap); an {@link java.io.UncheckedIOException} naming the file when it cannot be read at
 * all (missing, a directory, no permission, an I/O error). Nothing else, and never an
 * {@link java.lang.OutOfMemoryError}: sizes are checked with exact arithmetic against the file's
 * length and the free heap before anything is allocated.
 */
package dev.chainrule.nn.io;
