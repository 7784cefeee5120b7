/**
 * {@code chainrule bench}: benchmarks that mirror PyTorch reference scripts (same shapes, op
 * chains and JSON fields) so the two columns compare, and the mains that time single kernels.
 */
package dev.chainrule.examples.bench;
