package dev.chainrule.nn.testing;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Heap bytes the current thread allocates while running something, so a loader test can assert
 * "never allocates more than the file holds" directly rather than hoping the heap is small
 * enough for an OutOfMemoryError. Where the JVM cannot count, it reports 0 (the bound is then
 * not checked).
 */
public final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private Allocations() {
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }

    /** The bytes allocated by the current thread while {@code r} runs, whether it returns or throws. */
    public static long during(Runnable r) {
        long before = now();
        try {
            r.run();
        } catch (RuntimeException e) {
            // the caller asserts on the exception separately
        }
        return now() - before;
    }

    /** Runs {@code s}, throwing if it allocated more than {@code limit} bytes; returns its result. */
    public static <T> T atMost(long limit, String what, Supplier<T> s) {
        long before = now();
        T result;
        try {
            result = s.get();
        } finally {
            long used = now() - before;
            if (used > limit) {
                throw new AssertionError(what + " allocated " + used + " bytes, more than the bound " + limit);
            }
        }
        return result;
    }

    private static long now() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }
}
