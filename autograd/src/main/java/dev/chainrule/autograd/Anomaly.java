package dev.chainrule.autograd;

/**
 * Anomaly detection: inside an {@link #detect()} scope, every node remembers where it was
 * created (the first line outside chainrule's autograd and nn packages), and the first
 * operation whose forward result or backward gradient contains NaN or an infinity throws an
 * {@link ArithmeticException} naming the operation, its inputs and that place in your code.
 * A gradient is blamed on the op whose backward rule produced it ("backward of 'sqrt'"), on
 * {@code backward()} and on {@link Autograd#grad} alike; the ops a rule is built from are not
 * checked one by one, so a rule's non-finite step whose result is unused (the exponent's
 * gradient of {@code pow} by a constant) is no anomaly, as in PyTorch, which checks each
 * backward function's outputs.
 *
 * <p>Outside the scope arithmetic follows IEEE 754 as PyTorch does: {@code log(0)} is
 * {@code -Infinity}, {@code 0/0} is NaN, and nothing is checked (the checks cost time).
 * <pre>{@code
 * try (var scope = Anomaly.detect()) {
 *     loss.backward();
 * }
 * }</pre>
 */
public final class Anomaly {
    private static final ThreadFlag ENABLED = new ThreadFlag("Anomaly", false);
    /**
     * Set while a node's backward rule runs: the tensor ops a rule is written with (sqrt's
     * {@code g / out}, pow's {@code a^(b-1)}) would otherwise report a non-finite step as the
     * forward of 'div' or 'pow'. The rule's results are checked instead, naming its own op.
     */
    private static final ThreadFlag IN_RULE = new ThreadFlag("Anomaly rule", false);

    private Anomaly() {
    }

    /** A scope that restores the previous anomaly mode when closed. */
    public static final class Scope extends ThreadFlag.Scope {
        private Scope() {
            super(ENABLED, true);
        }
    }

    /**
     * Opens a scope in which non-finite forward or backward results throw on this thread.
     *
     * @return the scope; closing it restores the previous setting
     */
    public static Scope detect() {
        return new Scope();
    }

    /**
     * True inside a {@link #detect()} scope on this thread.
     *
     * @return whether anomaly detection is on for the calling thread
     */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /**
     * True inside a {@link #detect()} scope but not inside a backward rule: where a non-finite
     * forward result is the forward's fault.
     */
    static boolean checksForward() {
        return ENABLED.get() && !IN_RULE.get();
    }

    /** Scope over one node's backward rule, opened only under {@link #detect()} (see {@link #IN_RULE}). */
    static final class RuleScope extends ThreadFlag.Scope {
        private RuleScope() {
            super(IN_RULE, true);
        }
    }

    /** Opens a {@link RuleScope}: forward checks pause until it is closed. */
    static RuleScope backwardRule() {
        return new RuleScope();
    }

    /**
     * The first stack frame outside the library (autograd and nn, whose layers and losses
     * build most graphs): the user's line that made the node. Test classes count as users.
     */
    static StackTraceElement callerFrame() {
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            String cls = frame.getClassName();
            boolean library = cls.startsWith("dev.chainrule.autograd.") || cls.startsWith("dev.chainrule.nn.");
            if (!library || cls.contains("Test") || cls.contains("Properties")) {
                return frame;
            }
        }
        return null;
    }

    /** Forward check for a freshly computed node (only called when enabled). */
    static void checkForward(Node node, boolean finite) {
        if (!finite) {
            StringBuilder in = new StringBuilder();
            for (Node input : node.inputs) {
                in.append(in.length() == 0 ? "" : ", ").append(input.describe());
            }
            throw new ArithmeticException("anomaly: forward of '" + node.opName() + "' produced "
                    + node.describe() + " from inputs [" + in + "]" + node.origin()
                    + ". Check the op's domain (log and sqrt need positive input, division a nonzero divisor).");
        }
    }

    /** Backward check of the gradient flowing from {@code node} into its input {@code i}. */
    static void checkBackward(Node node, int i, boolean finite, String gradient) {
        if (!finite) {
            throw new ArithmeticException("anomaly: backward of '" + node.opName() + "' produced gradient "
                    + gradient + " for input " + i + " (" + node.inputs[i].describe() + ") of "
                    + node.describe() + node.origin()
                    + ". The op's derivative is not finite at this point (e.g. sqrt or abs at 0, log at 0).");
        }
    }

    /** Graph-path form of {@link #checkBackward(Node, int, boolean, String)}. */
    static void checkBackward(Node node, int i, Node gradient) {
        if (isEnabled()) {
            checkBackward(node, i, gradient.isFinite(), gradient.describe());
        }
    }
}
