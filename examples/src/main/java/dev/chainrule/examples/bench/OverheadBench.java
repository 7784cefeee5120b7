package dev.chainrule.examples.bench;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;

/**
 * {@code overhead}: a chain of 10^4 ops (×1.0001, +0.0001, tanh, cycled) on a 1-element f64
 * tensor, forward + backward, and the same forward without recording: nanoseconds per op,
 * the per-op cost of the graph machinery ({@code bench_overhead} of {@code torch_reference.py}).
 * A second record does the same chain with {@code Value}s, the scalar engine.
 *
 * <p>The reference takes 2 warm-up chains; a JVM needs more to compile the code it times,
 * so this warms up for 2 s (the record says how many chains that was), then takes the same
 * 7 timed repeats.
 */
final class OverheadBench implements Section {
    @Override
    public String name() {
        return "overhead";
    }

    static Tensor chain(Tensor x, int ops) {
        for (int i = 0; i < ops; i++) {
            switch (i % 3) {
                case 0: x = x.mul(1.0001); break;
                case 1: x = x.add(0.0001); break;
                default: x = x.tanh(); break;
            }
        }
        return x;
    }

    @Override
    public void run(Settings s) throws Exception {
        int n = s.pick(10_000, 300);
        int repeats = s.pick(7, 2);
        for (String engine : new String[] {"tensor", "value"}) {
            int warmups = Timing.warmup(engine.equals("tensor")
                    ? () -> chain(Tensor.of(new double[] {0.5}, 1), n).sum().backward()
                    : () -> ChainBench.chain(Value.of(0.5), n).backward(), s.pick(2.0, 0.01), s.pick(10, 1));
            double[] fwd = new double[repeats], bwd = new double[repeats], tot = new double[repeats];
            double[] nograd = new double[repeats];
            double grad = 0;
            Timing.settle();
            long gcInTimed = 0;
            int pre = 2; // the reference's warm-up chains, on top of the JIT warm-up above
            for (int r = 0; r < pre + repeats; r++) {
                long gc0 = Timing.gcMillis();
                long t0, t1, t2, t3, t4;
                if (engine.equals("tensor")) {
                    Tensor x0 = Tensor.of(new double[] {0.5}, 1);
                    t0 = System.nanoTime();
                    Tensor y = chain(x0, n);
                    t1 = System.nanoTime();
                    y.sum().backward();
                    t2 = System.nanoTime();
                    try (var off = GradMode.disabled()) {
                        t3 = System.nanoTime();
                        chain(x0.detach(), n);
                        t4 = System.nanoTime();
                    }
                    grad = x0.grad().item();
                } else {
                    Value x0 = Value.of(0.5);
                    t0 = System.nanoTime();
                    Value y = ChainBench.chain(x0, n);
                    t1 = System.nanoTime();
                    y.backward();
                    t2 = System.nanoTime();
                    try (var off = GradMode.disabled()) {
                        t3 = System.nanoTime();
                        ChainBench.chain(x0.detach(), n);
                        t4 = System.nanoTime();
                    }
                    grad = x0.grad();
                }
                if (r >= pre) {
                    int i = r - pre;
                    gcInTimed += Timing.gcMillis() - gc0;
                    fwd[i] = (t1 - t0) / 1e9;
                    bwd[i] = (t2 - t1) / 1e9;
                    tot[i] = (t2 - t0) / 1e9;
                    nograd[i] = (t4 - t3) / 1e9;
                }
            }
            double gcPct = Timing.round(100.0 * gcInTimed / (java.util.Arrays.stream(tot).sum() * 1e3), 2);
            s.emit(Json.bench(engine.equals("tensor") ? "overhead_chain" : "overhead_chain_value")
                    .put("ops", n).put("dtype", "f64").put("numel", 1)
                    .put("fwd_ms", Timing.round(Timing.median(fwd) * 1e3, 3))
                    .put("bwd_ms", Timing.round(Timing.median(bwd) * 1e3, 3))
                    .put("total_ms", Timing.round(Timing.median(tot) * 1e3, 3))
                    .put("ns_per_op_fwd", Timing.round(Timing.median(fwd) / n * 1e9, 1))
                    .put("ns_per_op_bwd", Timing.round(Timing.median(bwd) / n * 1e9, 1))
                    .put("ns_per_op_total", Timing.round(Timing.median(tot) / n * 1e9, 1))
                    .put("ns_per_op_nograd_fwd", Timing.round(Timing.median(nograd) / n * 1e9, 1))
                    .put("total_ms_min", Timing.round(Timing.min(tot) * 1e3, 3))
                    .put("total_ms_max", Timing.round(Timing.max(tot) * 1e3, 3))
                    .put("gc_pct", gcPct).put("warmup", warmups + pre).put("repeats", repeats).put("grad", grad));
        }
    }
}
