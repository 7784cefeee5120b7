package dev.chainrule.autograd;

/**
 * A vertex of the computational graph, shared by {@link Value} and {@link Tensor}: the
 * ordered inputs it was computed from, whether it wants a gradient, and the bookkeeping the
 * backward driver ({@link Engine}) needs. Gradient storage and the chain-rule step live in
 * the subclasses, because a scalar keeps a plain {@code double} and a tensor keeps a tensor.
 */
abstract class Node {
    /** Backward rule reads every input (the default, always safe). */
    static final int READS_ALL = -1;
    /** Backward rule reads no input (add, sub, neg, sums, views: the gradient only passes through). */
    static final int READS_NONE = 0;
    /** {@link #versionCheck}: no input the rule reads can be written in place, nothing to check. */
    static final byte CHECK_NONE = 0;
    /**
     * {@link #versionCheck}: the rule reads every input and each input's version is its own
     * counter (a {@link Value}'s inputs, which nothing aliases): summed from the field, with no
     * call per input.
     */
    static final byte CHECK_OWN = 1;
    /** {@link #versionCheck}: sum the read inputs' {@link #version()}s (tensors: masks, shared storage). */
    static final byte CHECK_READS = 2;
    private static final Node[] NO_INPUTS = new Node[0];

    /**
     * Inputs in argument order (an array, not a set, so gradient sums have a fixed order);
     * emptied by {@link #release()} so a kept result does not keep the graph alive.
     */
    Node[] inputs;
    /** True for leaves made to want a gradient, and for every result computed from one. */
    final boolean requiresGrad;
    /**
     * Not computed from recorded inputs: a variable, a parameter or a constant. A field, not
     * {@code inputs.length == 0}: each backward pass asks it of every node three times, and
     * the field sits beside the others the pass reads, where the array length is one more
     * cache line per node. (Released nodes have no inputs either, but they are never leaves.)
     */
    final boolean leaf;
    /**
     * How {@link Engine#order} checks this node's inputs for in-place writes:
     * {@link #CHECK_NONE}, {@link #CHECK_OWN} or {@link #CHECK_READS}. Only leaves can be
     * written (results of recorded ops never are, see {@link Value#setData} and
     * {@link Tensor#update}), and tensor views of a leaf, which share its storage; most nodes
     * of a deep graph (the activation of a layer's output, a chain's tanh) read only computed
     * results and skip the check, which was a tenth of a scalar MLP's backward pass. A check
     * may be made needlessly (a scalar dot does not look at its inputs), never skipped needlessly.
     */
    final byte versionCheck;
    /** Set after a backward pass that did not retain the graph; a second pass then throws. */
    boolean released;
    /**
     * Scratch for {@link Engine#order}: the pass that last visited this node (pass numbers are
     * unique across threads, see {@link Engine}). Only nodes that want a gradient are marked,
     * so constants shared between threads are never written. An int, not a reference: a
     * primitive store needs no garbage-collector barrier, and every visited node takes one.
     */
    int visitMark;
    /** Where the node was made; recorded only under {@link Anomaly#detect()}. */
    final StackTraceElement createdAt;
    /**
     * The sum of the versions of the inputs the rule reads, when this node was made. Versions
     * only grow, so the sum is unchanged exactly when none of them changed: one int per node
     * instead of one per edge. The sum wraps, so it could only miss a change after 2^32 writes
     * between forward and backward. {@link Engine#order} compares it with {@link #readVersions()}.
     */
    private final int savedVersions;
    /**
     * In-place writes to this node's own data while nothing aliases it (a {@link Value}
     * always; a {@link Tensor} until a view or detach shares its storage). One field for both
     * kinds, so scalar ops can sum their inputs' versions with plain field reads.
     */
    int ownVersion;

    /**
     * @param savedVersions {@link #readVersions()} as it is now; subclasses compute it before
     *     the call ({@link #versionSum}, or a cheaper sum of their own kind) to save a virtual call per input
     * @param versionCheck see {@link #versionCheck}
     */
    Node(Node[] inputs, boolean requiresGrad, int savedVersions, byte versionCheck) {
        this.inputs = inputs;
        this.requiresGrad = requiresGrad;
        this.leaf = inputs.length == 0;
        this.savedVersions = savedVersions;
        this.versionCheck = versionCheck;
        this.createdAt = Anomaly.isEnabled() ? Anomaly.callerFrame() : null;
    }

    /** How many in-place writes this node's own data has seen (its storage's, for a tensor). */
    abstract int version();

    /**
     * Bit i set: the backward rule reads input i (bit 31 stands for every input from 31 on);
     * or {@link #READS_ALL}, {@link #READS_NONE}. A method, not a field: a scalar node takes it
     * from its op, which keeps a {@link Value} at 72 bytes.
     */
    abstract int reads();

    /** True when the backward rule reads input {@code i}. */
    final boolean readsInput(int i) {
        return (reads() >>> Math.min(i, 31) & 1) != 0;
    }

    /** The current sum of the versions of the inputs the rule reads (see {@link #savedVersions}). */
    final int readVersions() {
        return versionSum(inputs, reads());
    }

    /** The sum of the versions of the {@code inputs} that {@code reads} selects. */
    static int versionSum(Node[] in, int reads) {
        int sum = 0;
        if (reads == READS_NONE) {
            return 0;
        }
        if (reads == READS_ALL) { // the common case, without a bit test per input
            for (Node n : in) {
                sum += n.version();
            }
            return sum;
        }
        for (int i = 0; i < in.length; i++) {
            if ((reads >>> Math.min(i, 31) & 1) != 0) {
                sum += in[i].version();
            }
        }
        return sum;
    }

    /**
     * True when an input the rule reads was written in place after this node was made (always
     * false for {@link #CHECK_NONE}, whose inputs cannot be written).
     */
    final boolean inputsChanged() {
        if (versionCheck == CHECK_NONE) {
            return false;
        }
        int now = versionCheck == CHECK_OWN ? ownVersionSum(inputs) : readVersions();
        return now != savedVersions;
    }

    /** The sum of the inputs' own counters ({@link #CHECK_OWN}). */
    private static int ownVersionSum(Node[] in) {
        int sum = 0;
        for (Node n : in) {
            sum += n.ownVersion;
        }
        return sum;
    }

    /**
     * After a backward pass without retain: drops everything the rule captured (inputs, and in
     * subclasses the rule and its saved tensors), keeping what messages need (op, shape).
     */
    void release() {
        released = true;
        inputs = NO_INPUTS;
    }

    /**
     * A leaf is a node that was not computed from other recorded nodes. Released nodes have no
     * inputs either, but only interior nodes are ever released.
     */
    final boolean isLeaf() {
        return leaf;
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
