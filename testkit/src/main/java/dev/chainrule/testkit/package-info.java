/**
 * What you put in your own tests of code built on chainrule: jqwik generators and gradient
 * assertions. Add {@code dev.chainrule:chainrule-testkit} in test scope; it brings jqwik and
 * JUnit Jupiter with it.
 *
 * <ul>
 *   <li>{@link dev.chainrule.testkit.TensorArbitraries}: shapes, broadcast-compatible shape and
 *       tensor pairs, tensors with values in an op's domain or away from its kinks, reduction
 *       axes, and seeded draws.</li>
 *   <li>{@link dev.chainrule.testkit.Expressions}: random differentiable expressions
 *       ({@link dev.chainrule.testkit.Expr}) that shrink to the smallest failing one.</li>
 *   <li>{@link dev.chainrule.testkit.Points}: points in a box, away from kinks, that shrink to
 *       simple coordinates.</li>
 *   <li>{@link dev.chainrule.testkit.GradientAssertions}: one-line gradient checks of hand-written
 *       gradients at a point and of tensor code to first and second order, on
 *       {@link dev.chainrule.autograd.GradCheck}.</li>
 * </ul>
 */
package dev.chainrule.testkit;
