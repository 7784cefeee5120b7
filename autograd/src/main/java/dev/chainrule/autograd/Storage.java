package dev.chainrule.autograd;

/**
 * The version counter of the array a tensor's numbers live in (a {@code double[]} or a
 * {@code float[]}), shared by every tensor that aliases it (views, {@link Tensor#detach()}, reshape views, views made in a no-grad scope).
 * Made only once something aliases a tensor; until then the tensor counts its own writes.
 * Every in-place write ({@link Tensor#update}, {@link Tensor#setData}) bumps the version; a
 * node records the versions of the inputs its backward rule reads, and {@link Engine} refuses
 * a pass when one has moved since (PyTorch's version counter). The counter belongs to the
 * storage, not to a global clock, so threads that share no tensors share nothing here.
 */
final class Storage {
    /** Number of in-place writes so far; only ever grows. */
    private int version;
    /** True for the result of a recorded op: graph rules reuse it, so nothing may write to it. */
    final boolean computed;

    /** A counter that starts where the storage's first owner's own count stood. */
    Storage(boolean computed, int version) {
        this.computed = computed;
        this.version = version;
    }

    int version() {
        return version;
    }

    /** Records one in-place write. */
    void bump() {
        version++;
    }
}
