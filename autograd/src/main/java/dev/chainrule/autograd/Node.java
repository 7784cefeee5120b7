package dev.chainrule.autograd;

/**
 * A vertex of the computational graph, shared by {@link Value} and {@link Tensor}: the
 * ordered inputs it was computed from, whether it wants a gradient, and the bookkeeping the
 * backward driver ({@link Engine}) needs. Gradient storage and the chain-rule step live in
 * the subclasses, because a scalar keeps a plain {@code double} and a tensor keeps a tensor.
 */
abstract class Node {
    /** Inputs in argument order (an array, not a set, so gradient sums have a fixed order). */
    final Node[] inputs;
    /** True for leaves made to want a gradient, and for every result computed from one. */
    final boolean requiresGrad;
    /** Set after a backward pass that did not retain the graph; a second pass then throws. */
    boolean released;
    /** Scratch for {@link Engine#order}: the pass that last visited this node. */
    int visitMark;
    /** Where the node was made; recorded only under {@link Anomaly#detect()}. */
    final StackTraceElement createdAt;

    /**
     * A logical clock for in-place changes: a leaf's stamp is when its data last changed
     * ({@link #markModified}), any other node's is when it was recorded. An input whose stamp
     * is later than the node using it was changed after the node read it, so that node's
     * derivative would be computed from data it never saw; {@link Engine#order} refuses.
     */
    private static long clock;
    /** See {@link #clock}. */
    long stamp;

    Node(Node[] inputs, boolean requiresGrad) {
        this.stamp = clock;
        this.inputs = inputs;
        this.requiresGrad = requiresGrad;
        this.createdAt = Anomaly.isEnabled() ? Anomaly.callerFrame() : null;
    }

    /** Records that this leaf's data may have been changed in place (optimizers, loaders). */
    final void markModified() {
        stamp = ++clock;
    }

    /** A leaf is a node that was not computed from other recorded nodes. */
    final boolean isLeaf() {
        return inputs.length == 0;
    }

    /** Name of the operation that made this node ("leaf" or "const" for leaves). */
    abstract String opName();

    /** Fast path: forget the gradient of an interior node before a new pass. */
    abstract void clearGrad();

    /** Fast path: the node's own gradient is complete; push its contributions into its inputs. */
    abstract void propagate();

    /** Fast path: called once per pass when this node's gradient is complete (hooks, anomaly). */
    void gradReady() {
    }

    /** Graph path: this node's complete gradient, after any hooks have seen (and maybe replaced) it. */
    Node whenComplete(Node gradient) {
        return gradient;
    }

    /**
     * Graph path: the vector-Jacobian product for each input, as graph nodes of this node's
     * own kind (recorded when grad mode is on), or {@code null} for an input that gets none.
     */
    abstract Node[] vjp(Node gradOutput);

    /** Graph path: the sum of two gradients of this node's kind. */
    abstract Node addGrads(Node a, Node b);

    /** True when every number this node holds is finite (anomaly checks). */
    abstract boolean isFinite();

    /** A short description of the node for error messages: op, shape or value. */
    abstract String describe();

    /** Where this node was created, for messages; empty unless anomaly mode recorded it. */
    final String origin() {
        return createdAt == null ? "" : " (created at " + createdAt + ")";
    }
}
