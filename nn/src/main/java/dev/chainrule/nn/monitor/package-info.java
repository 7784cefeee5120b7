/**
 * A gradient-flow monitor: per-layer gradient and weight norms, update ratios and activation
 * statistics recorded while a model trains, and a {@link dev.chainrule.nn.monitor.Diagnosis}
 * naming the lecture notes' training problems with their remedies.
 */
package dev.chainrule.nn.monitor;
