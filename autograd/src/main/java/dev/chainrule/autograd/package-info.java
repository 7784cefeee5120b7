/**
 * Reverse-mode automatic differentiation: scalar {@link dev.chainrule.autograd.Value}s and
 * n-dimensional float64 {@link dev.chainrule.autograd.Tensor}s, nodes of one graph with one
 * iterative backward driver (no recursion, so a chain of 10^6 nodes differentiates).
 *
 * <ul>
 *   <li>{@link dev.chainrule.autograd.Value} and {@link dev.chainrule.autograd.Tensor}: build
 *       the graph with their operations, call {@code backward()}, read {@code grad()}.</li>
 *   <li>{@link dev.chainrule.autograd.Autograd}: gradients as values rather than accumulated
 *       ({@code grad(outputs, inputs, ...)}, with {@code createGraph} for higher orders),
 *       Jacobians, Hessians and vector products.</li>
 *   <li>{@link dev.chainrule.autograd.Linalg}: solves, inverses, determinants and decompositions,
 *       each differentiable.</li>
 *   <li>{@link dev.chainrule.autograd.GradMode} (no-grad scopes),
 *       {@link dev.chainrule.autograd.Anomaly} (the op that first made a NaN or an infinity).</li>
 *   <li>Checking gradients: {@link dev.chainrule.autograd.GradCheck} compares every gradient with
 *       central finite differences ({@link dev.chainrule.autograd.NumericDiff}) and names the node
 *       whose own rule is wrong.</li>
 *   <li>{@link dev.chainrule.autograd.GraphExport}: the graph as Graphviz DOT.</li>
 * </ul>
 *
 * <p>Each primitive's forward and derivative sit side by side in one package-private file per
 * family ({@code Elementwise}, {@code Unary}, {@code Reductions}, {@code ShapeOps}, ...); the
 * loops over raw arrays are in {@code dev.chainrule.autograd.kernel}, which the module exports to
 * chainrule's own modules only; {@link dev.chainrule.autograd.Backend} is its user-facing knob.
 */
package dev.chainrule.autograd;
