/**
 * Neural networks on the chainrule graph.
 *
 * <ul>
 *   <li>Tensor models: {@link dev.chainrule.nn.Module}, {@link dev.chainrule.nn.Linear},
 *       {@link dev.chainrule.nn.Sequential}, {@link dev.chainrule.nn.ActivationModule},
 *       {@link dev.chainrule.nn.Dropout}, and the builder
 *       {@code MLP.of(784, 512, 256, 10).activation(Activation.RELU).init(Init.HE)}.</li>
 *   <li>Scalar models, micrograd style, where every weight is a {@code Value}:
 *       {@link dev.chainrule.nn.Neuron}, {@link dev.chainrule.nn.Layer},
 *       {@link dev.chainrule.nn.ScalarMLP}.</li>
 *   <li>Losses as graph ops: {@link dev.chainrule.nn.Loss} (tensors) and
 *       {@link dev.chainrule.nn.ScalarLoss} (Values).</li>
 *   <li>{@link dev.chainrule.nn.Init}: seedable weight initialisation.</li>
 *   <li>{@link dev.chainrule.nn.Parameter}: the one view of a trainable leaf (tensor or Values)
 *       that optimizers ({@code nn.optim}) and checkpoints ({@code nn.io}) work on; every model
 *       is {@link dev.chainrule.nn.Parameterized}.</li>
 * </ul>
 * Data sets and loaders are in {@code dev.chainrule.nn.data}.
 */
package dev.chainrule.nn;
