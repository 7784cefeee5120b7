package dev.chainrule.nn.io;

/**
 * A loader's check, before it allocates, that the numbers a file declares fit in the heap, so
 * a file too large gets a message naming it and the sizes instead of an {@link OutOfMemoryError}.
 */
public final class Heap {
    private Heap() {
    }

    /**
     * Refuses unless about {@code bytes} more can be allocated within {@link Runtime#maxMemory()}.
     *
     * @param where what is loading, for the message (e.g. {@code "checkpoint model.safetensors: "})
     * @param bytes the bytes about to be allocated
     * @throws IllegalArgumentException when they would not fit
     */
    public static void require(String where, long bytes) {
        if (bytes <= free()) {
            return;
        }
        System.gc(); // only on the refusing path: garbage may be all that is in the way
        long free = free();
        if (bytes > free) {
            throw new IllegalArgumentException(where + "its numbers need " + mib(bytes) + " of heap but only " + mib(free)
                    + " of the maximum " + mib(Runtime.getRuntime().maxMemory()) + " are free (raise -Xmx?)");
        }
    }

    private static long free() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
