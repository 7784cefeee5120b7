package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Value;

/**
 * {@code chain}: the 10^6-node {@code Value} chain, forward + backward, with the op cycle of
 * the overhead benchmark (×1.0001, +0.0001, tanh). The target is under 0.2 s. PyTorch has no
 * scalar engine, so this row has no reference column; its per-op cost is comparable with
 * {@code overhead_chain}'s.
 */
final class ChainBench implements Section {
    @Override
    public String name() {
        return "chain";
    }

    /** The overhead benchmark's op cycle on scalars. */
    static Value chain(Value x, int ops) {
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
        int n = s.pick(1_000_000, 10_000);
        int warmups = s.pick(5, 1), repeats = s.pick(7, 2);
        double[] fwd = new double[repeats], bwd = new double[repeats], tot = new double[repeats];
        long gcInTimed = 0;
        double grad = 0;
        for (int r = 0; r < warmups + repeats; r++) {
            Timing.settle();
            Value x0 = Value.of(0.5);
            long gc0 = Timing.gcMillis();
            long t0 = System.nanoTime();
            Value y = chain(x0, n);
            long t1 = System.nanoTime();
            y.backward();
            long t2 = System.nanoTime();
            grad = x0.grad();
            if (r >= warmups) {
                gcInTimed += Timing.gcMillis() - gc0;
                fwd[r - warmups] = (t1 - t0) / 1e9;
                bwd[r - warmups] = (t2 - t1) / 1e9;
                tot[r - warmups] = (t2 - t0) / 1e9;
            }
        }
        double gcPct = Timing.round(100.0 * gcInTimed / (java.util.Arrays.stream(tot).sum() * 1e3), 2);
        s.emit(Json.bench("value_chain").put("ops", n).put("dtype", "f64")
                .put("fwd_ms", Timing.round(Timing.median(fwd) * 1e3, 3))
                .put("bwd_ms", Timing.round(Timing.median(bwd) * 1e3, 3))
                .put("total_ms", Timing.round(Timing.median(tot) * 1e3, 3))
                .put("ns_per_op_total", Timing.round(Timing.median(tot) / n * 1e9, 1))
                .put("total_ms_min", Timing.round(Timing.min(tot) * 1e3, 3))
                .put("total_ms_max", Timing.round(Timing.max(tot) * 1e3, 3))
                .put("gc_pct", gcPct).put("repeats", repeats).put("grad", grad));
    }
}
