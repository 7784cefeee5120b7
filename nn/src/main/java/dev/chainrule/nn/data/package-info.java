/**
 * Data for training: {@link dev.chainrule.nn.data.Dataset} (samples and class labels),
 * {@link dev.chainrule.nn.data.DataLoader} (mini-batches, seeded shuffling),
 * {@link dev.chainrule.nn.data.Standardizer}, and loaders for CSV
 * ({@link dev.chainrule.nn.data.Csv}) and MNIST-style IDX files ({@link dev.chainrule.nn.data.Idx}),
 * plain or gzip'd, with errors that name the file and what is wrong.
 */
package dev.chainrule.nn.data;
