package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Backend;
import java.util.function.Consumer;

/**
 * What one benchmark process measures and where its records go.
 *
 * @param threads the thread count this process was started with (1 or 2)
 * @param quick   tiny repeat counts and sizes, for tests of the harness itself (numbers meaningless)
 * @param tag     copied into every record, as the reference scripts' {@code --tag}
 * @param emit    receives each record
 */
record Settings(int threads, boolean quick, String tag, Consumer<Json> emit) {
    /** Adds the fields every record carries (threads, matmul kernel, tag) and emits it. */
    void emit(Json record) {
        record.put("threads", threads).put("kernel", Backend.kernel()).put("source", "chainrule").put("tag", tag);
        emit.accept(record);
    }

    /** {@code full} normally, {@code small} in quick mode. */
    int pick(int full, int small) {
        return quick ? small : full;
    }

    double pick(double full, double small) {
        return quick ? small : full;
    }
}
