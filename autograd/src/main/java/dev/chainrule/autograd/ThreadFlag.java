package dev.chainrule.autograd;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A per-thread boolean (grad mode, anomaly mode) that is cheap to read in the common case.
 * Every recorded op reads these flags, and a {@link ThreadLocal} lookup per op is a
 * measurable share of a scalar op's cost; so a shared counter tracks how many threads hold a
 * value other than the default, and while it is zero a read returns the default without
 * touching the thread-local state. Any thread that changes its flag makes every read take
 * the exact thread-local path until it changes back, so the answer is always this thread's.
 */
final class ThreadFlag {
    private final String name;
    private final boolean defaultValue;
    private final ThreadLocal<boolean[]> state;
    /** Open scopes on this thread (only scopes touch it, never the per-op read). */
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    /** Threads whose flag currently differs from {@link #defaultValue}. */
    private final AtomicInteger changedThreads = new AtomicInteger();

    ThreadFlag(String name, boolean defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.state = ThreadLocal.withInitial(() -> new boolean[] {defaultValue});
    }

    /** This thread's value. */
    boolean get() {
        return changedThreads.get() == 0 ? defaultValue : state.get()[0];
    }

    /** Sets this thread's value and returns the previous one. */
    boolean set(boolean value) {
        boolean[] s = state.get();
        boolean previous = s[0];
        if (previous != value) {
            s[0] = value;
            changedThreads.addAndGet(value == defaultValue ? -1 : 1);
        }
        return previous;
    }

    /**
     * Sets a flag for this thread until closed, then restores the value it had before; closing
     * twice restores once. The public scopes of {@link GradMode} and {@link Anomaly} are this.
     * Scopes of one flag close innermost first, on the thread that opened them: any other
     * close would restore a stale value and leave it set silently, so it is refused and
     * changes nothing.
     */
    abstract static class Scope implements AutoCloseable {
        private final ThreadFlag flag;
        private final boolean previous;
        private final Thread owner = Thread.currentThread();
        private final int level;
        private boolean closed;

        Scope(ThreadFlag flag, boolean value) {
            this.flag = flag;
            this.previous = flag.set(value);
            this.level = ++flag.depth.get()[0];
        }

        /** Restores the mode that was in force when the scope was opened. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException(flag.name + " scope: closed on thread '" + Thread.currentThread().getName()
                        + "' but opened on '" + owner.getName() + "'; modes are per thread, close it where it was opened");
            }
            int[] open = flag.depth.get();
            if (open[0] != level) {
                throw new IllegalStateException(flag.name + " scope: closed out of order, while " + (open[0] - level)
                        + " scope(s) opened after it are still open; close the innermost first "
                        + "(try-with-resources does this)");
            }
            closed = true;
            open[0]--;
            flag.set(previous);
        }
    }
}
