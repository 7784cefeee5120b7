package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * {@link Module#toString()}: the module tree as PyTorch prints it, one line per module with its
 * {@link Module#summary() summary}, children indented under their names, and the number of
 * trained numbers below each module that has any:
 * <pre>
 * MLP[2, 16, 3], RELU/IDENTITY (99 parameters)
 *   (layers): Sequential (99 parameters)
 *     (0): Linear(2 -&gt; 16) (48 parameters)
 *     (1): Linear(16 -&gt; 3) (51 parameters)
 * </pre>
 * A tensor shared by two places is counted once under each module that reaches it, as
 * {@link Module#parameterCount()} counts. A float32 module says so in its count
 * ({@code (99 float32 parameters)}); float64, the default, goes unsaid.
 */
final class ModuleTree {
    private ModuleTree() {
    }

    private record Line(String name, Module module, int depth) {
    }

    static String render(Module root) {
        StringBuilder sb = new StringBuilder();
        Deque<Line> stack = new ArrayDeque<>(); // an explicit stack: trees can be deep
        stack.push(new Line(null, root, 0));
        while (!stack.isEmpty()) {
            Line l = stack.pop();
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("  ".repeat(l.depth()));
            if (l.name() != null) {
                sb.append('(').append(l.name()).append("): ");
            }
            sb.append(l.module().summary());
            long count = l.module().parameterCount();
            if (count > 0) {
                sb.append(" (").append(count)
                        .append(l.module().dtype() == DType.F64 ? "" : " " + l.module().dtype())
                        .append(count == 1 ? " parameter)" : " parameters)");
            }
            List<Map.Entry<String, Module>> kids = List.copyOf(l.module().namedChildren().entrySet());
            for (int i = kids.size() - 1; i >= 0; i--) { // pushed in reverse so they print in order
                stack.push(new Line(kids.get(i).getKey(), kids.get(i).getValue(), l.depth() + 1));
            }
        }
        return sb.toString();
    }
}
