/**
 * Optimizers that match PyTorch's documented algorithms step for step ({@link
 * dev.chainrule.nn.optim.SGD}, {@link dev.chainrule.nn.optim.RMSprop}, {@link
 * dev.chainrule.nn.optim.Adam}, {@link dev.chainrule.nn.optim.AdamW}), the quasi-Newton {@link
 * dev.chainrule.nn.optim.LBFGS} with PyTorch's strong-Wolfe line search, parameter groups with
 * their own learning rates, gradient clipping ({@link dev.chainrule.nn.optim.Gradients}),
 * learning-rate schedules and early stopping. Each algorithm's update is written in its class
 * comment and implemented as a plain loop over arrays with a typed per-parameter state.
 */
package dev.chainrule.nn.optim;
