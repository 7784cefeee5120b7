package dev.chainrule.autograd;

import dev.chainrule.testkit.TensorArbitraries;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of {@link Program}s. Leaves get shapes that all broadcast together (each
 * is a base shape with some axes set to 1 and maybe leading axes dropped), so every
 * elementwise step is valid; programs whose finite differences cannot be trusted (an operand
 * outside its op's domain, an overflow) are filtered out, in generation and in shrinking.
 */
final class Programs {
    private Programs() {
    }

    /**
     * Programs over {@code ops}.
     *
     * @param ops       the catalog to draw steps from
     * @param maxLeaves at most this many inputs
     * @param maxSteps  at most this many steps
     * @param maxRank   the rank of the base shape is at most this (0: every leaf a scalar)
     * @return programs with a readable toString
     */
    static Arbitrary<Program> programs(List<ProgramOp> ops, int maxLeaves, int maxSteps, int maxRank) {
        Arbitrary<Program.Step> step = Combinators.combine(Arbitraries.of(ops),
                Arbitraries.integers().between(0, 6).array(int[].class).ofSize(3)).as(Program.Step::new);
        Arbitrary<List<Program.Leaf>> leaves = TensorArbitraries.shapes(0, maxRank, 3)
                .flatMap(base -> leafShape(base).list().ofMinSize(1).ofMaxSize(maxLeaves))
                .flatMap(Programs::filled);
        return Combinators.combine(leaves, step.list().ofMinSize(1).ofMaxSize(maxSteps)).as(Program::new)
                .filter(Program::wellConditioned);
    }

    /** A shape that broadcasts to {@code base}: some axes 1, maybe fewer leading axes. */
    static Arbitrary<int[]> leafShape(int[] base) {
        return Combinators.combine(Arbitraries.integers().between(0, base.length),
                Arbitraries.of(true, false).list().ofSize(base.length)).as((drop, ones) -> {
                    int[] s = new int[base.length - drop];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = ones.get(drop + i) ? 1 : base[drop + i];
                    }
                    return s;
                });
    }

    private static Arbitrary<List<Program.Leaf>> filled(List<int[]> shapes) {
        List<Arbitrary<Program.Leaf>> each = new ArrayList<>();
        for (int[] s : shapes) {
            each.add(Arbitraries.doubles().between(-2, 2).ofScale(3).array(double[].class)
                    .ofSize((int) ReferenceShapes.count(s)).map(v -> new Program.Leaf(s, v)));
        }
        return Combinators.combine(each).as(list -> list);
    }
}
