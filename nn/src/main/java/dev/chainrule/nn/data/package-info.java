/**
 * Data for training: {@link dev.chainrule.nn.data.Dataset} (samples and class labels),
 * {@link dev.chainrule.nn.data.DataLoader} (mini-batches, seeded shuffling),
 * {@link dev.chainrule.nn.data.Standardizer}, and loaders for CSV
 * ({@link dev.chainrule.nn.data.Csv}) and MNIST-style IDX files ({@link dev.chainrule.nn.data.Idx}),
 * plain or gzip'd, with errors that name the file and what is wrong: an
 * {@link java.lang.IllegalArgumentException} when the content is malformed (sizes are checked
 * with exact arithmetic against the file and the free heap before anything is allocated), an
 * {@link java.io.UncheckedIOException} when the file cannot be read (missing, a directory), as
 * for checkpoints ({@link dev.chainrule.nn.io}).
 */
package dev.chainrule.nn.data;
