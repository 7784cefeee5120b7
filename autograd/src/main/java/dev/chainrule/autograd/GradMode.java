package dev.chainrule.autograd;

/**
 * Whether operations are recorded for differentiation on the current thread.
 *
 * <p>Recording is on by default. Inside a {@link #disabled()} scope, results of operations are
 * constants: they hold no reference to their inputs and never get a gradient, which is what
 * evaluation, optimizer updates and metrics want.
 * <pre>{@code
 * try (var scope = GradMode.disabled()) {
 *     double accuracy = evaluate(model);
 * }
 * }</pre>
 * Scopes nest and restore the previous mode when closed; the mode is per thread. A scope
 * closed out of order (before one opened inside it) or on another thread is refused with an
 * {@link IllegalStateException}, since it would restore a stale mode.
 */
public final class GradMode {
    private static final ThreadFlag ENABLED = new ThreadFlag("GradMode", true);

    private GradMode() {
    }

    /** A scope that restores the previous grad mode when closed. */
    public static final class Scope extends ThreadFlag.Scope {
        private Scope(boolean enabled) {
            super(ENABLED, enabled);
        }
    }

    /**
     * Opens a scope in which no operation is recorded on this thread.
     *
     * @return the scope; closing it restores the previous mode
     */
    public static Scope disabled() {
        return new Scope(false);
    }

    /**
     * Opens a scope in which operations are recorded again (inside a disabled scope).
     *
     * @return the scope; closing it restores the previous mode
     */
    public static Scope enabled() {
        return new Scope(true);
    }

    /**
     * True when operations on this thread are recorded.
     *
     * @return whether recording is on for the calling thread
     */
    public static boolean isEnabled() {
        return ENABLED.get();
    }
}
