package dev.chainrule.autograd;

import static dev.chainrule.autograd.BadInputs.expect;
import static dev.chainrule.autograd.BadInputs.expectOrRefuse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random programs: chains of ops, each applied to results of earlier ones (views of views,
 * identity shortcuts, empty and rank-4 intermediates) with random, often invalid, arguments.
 * Every step must give the NumPy/PyTorch shape or a clean refusal naming the op (see
 * {@link BadInputs}), and at the end one backward pass through everything that was built
 * must give every leaf a gradient of its own shape.
 */
class RandomProgramProperties {

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 60)
    void randomProgramsGiveNumPyShapesOrCleanRefusals(@ForAll("seeds") long seed) {
        Random rng = new Random(seed);
        List<Tensor> leaves = List.of(BadInputs.leaf(randomShape(rng)), BadInputs.leaf(randomShape(rng)));
        List<Tensor> pool = new ArrayList<>(leaves);
        for (int step = 0; step < 12; step++) {
            Tensor a = pool.get(rng.nextInt(pool.size()));
            Tensor b = pool.get(rng.nextInt(pool.size()));
            Tensor out = apply(rng, a, b);
            if (out != null) {
                pool.add(out);
            }
        }
        Tensor total = null;
        for (Tensor t : pool) {
            if (t.requiresGrad()) {
                Tensor s = t.mul(Tensor.scalar(0.5)).sum();
                total = total == null ? s : total.add(s);
            }
        }
        if (total != null) {
            total.backward();
            for (Tensor leaf : leaves) {
                if (leaf.grad() != null) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(leaf.shape(), leaf.grad().shape());
                }
            }
        }
    }

    private static int[] randomShape(Random rng) {
        int[] s = new int[rng.nextInt(4)];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextInt(8) == 0 ? 0 : 1 + rng.nextInt(3);
        }
        return s;
    }

    private static int axis(Random rng) {
        return rng.nextInt(11) - 5;
    }

    /** One random op on a (and maybe b); null when refused. */
    private static Tensor apply(Random rng, Tensor a, Tensor b) {
        int[] s = a.shape(), t = b.shape();
        int ax = axis(rng), ax2 = axis(rng);
        boolean keep = rng.nextBoolean();
        switch (rng.nextInt(16)) {
            case 0: {
                int[] axes = rng.ints(rng.nextInt(3), -4, 4).toArray();
                return expect("sum", ReferenceShapes.reduce(s, axes, keep), () -> a.sum(axes, keep), a);
            }
            case 1: {
                int[] expected = ReferenceShapes.reduce(s, new int[] {ax}, keep);
                if (expected != null && ReferenceShapes.count(s) == 0) {
                    expectOrRefuse("max", expected, () -> a.max(ax, keep), a);
                    return null;
                }
                return expect("max", expected, () -> a.max(ax, keep), a);
            }
            case 2:
                return expect("softmax", ReferenceShapes.axis(ax, s.length) < 0 ? null : s, () -> a.softmax(ax), a);
            case 3:
                return expect("transpose", ReferenceShapes.transpose(s, ax, ax2), () -> a.transpose(ax, ax2), a);
            case 4:
                return expect("squeeze", ReferenceShapes.squeeze(s), a::squeeze, a);
            case 5:
                return expect("unsqueeze", ReferenceShapes.unsqueeze(s, ax), () -> a.unsqueeze(ax), a);
            case 6: {
                int start = rng.nextInt(7) - 3, end = rng.nextInt(7) - 3;
                return expect("slice", ReferenceShapes.slice(s, ax, start, end), () -> a.slice(ax, start, end), a);
            }
            case 7:
                return expect("reshape", ReferenceShapes.reshape(s, new int[] {-1}), () -> a.reshape(-1), a);
            case 8: {
                int[] idx = rng.ints(rng.nextInt(4), -1, 3).toArray();
                return expect("indexSelect", ReferenceShapes.indexSelect(s, ax, idx), () -> a.indexSelect(ax, idx), a);
            }
            case 9:
                return expect("add", ReferenceShapes.broadcast(s, t), () -> a.add(b), a, b);
            case 10:
                return expect("mul", ReferenceShapes.broadcast(s, t), () -> a.mul(b), a, b);
            case 11:
                return expect("matmul", ReferenceShapes.matmul(s, t), () -> a.matmul(b), a, b);
            case 12:
                return expect("concat", ReferenceShapes.concat(ax, List.of(s, t)), () -> Tensor.concat(ax, a, b), a, b);
            case 13:
                return expect("stack", ReferenceShapes.stack(ax, List.of(s, t)), () -> Tensor.stack(ax, a, b), a, b);
            case 14:
                return expect("where", ReferenceShapes.broadcast(s, t), () -> Tensor.where(a.gt(0), a, b), a, b);
            default: {
                int[] wide = ReferenceShapes.broadcast(s, t);
                if (wide == null || Arrays.equals(wide, s)) {
                    return expect("sumTo", ReferenceShapes.sumTo(s, t), () -> a.sumTo(t), a);
                }
                return expect("expand", ReferenceShapes.expand(s, wide), () -> a.expand(wide), a);
            }
        }
    }
}
