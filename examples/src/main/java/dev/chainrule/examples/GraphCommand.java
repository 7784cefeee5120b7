package dev.chainrule.examples;

import dev.chainrule.autograd.GraphExport;
import dev.chainrule.autograd.Value;
import dev.chainrule.examples.expr.Expression;
import dev.chainrule.examples.expr.Snippet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chainrule graph}: an expression's value, its gradients, and a picture of its graph. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Evaluate an expression with Values, print its value and gradients, and write its graph "
                + "as DOT (and SVG when Graphviz's dot is on the PATH).",
            "Example: chainrule graph \"tanh(x*y + sin(x))^2\" --vars x=1,y=2"})
final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExpressionOptions expression;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "chainrule-out",
            description = "where graph.dot and graph.svg go (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "graph",
            description = "file name stem of the pictures, inside --out-dir (default: ${DEFAULT-VALUE})")
    String name;

    @Override
    public Integer call() {
        Expression e = expression.parse(spec);
        checkName();
        OutputPaths.directoryProblem(outDir).ifPresent(why -> {
            throw new ParameterException(spec.commandLine(), "--out-dir " + outDir + ": cannot write there: " + why);
        });
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = expression.names();
        List<Value> leaves = new ArrayList<>();
        for (String n : names) {
            leaves.add(Value.of(expression.value(n)).label(n));
        }
        Value result = e.evaluate(names, leaves).label("out");
        out.printf("expression  %s%n", Snippet.of(e.text()));
        out.printf("kernel      %s%n", Report.SCALAR_KERNEL);
        out.printf("value       %s%n", result.data());
        if (!result.requiresGrad()) {
            out.println("gradients   none: the expression does not depend on any variable");
        } else {
            result.backward(true);
            out.println("gradients");
            for (int i = 0; i < names.size(); i++) {
                out.printf("  d/d%-6s %s%n", names.get(i), leaves.get(i).grad());
            }
        }
        Path dot = GraphExport.writeDot(result, outDir.resolve(name + ".dot"));
        Path svg = outDir.resolve(name + ".svg");
        out.printf("graph       %s (%d nodes)%n", dot, e.nodes());
        Optional<Path> dotExe = Graphviz.findDot();
        if (e.nodes() > Graphviz.MAX_NODES) {
            // dot's layout takes minutes on a few thousand nodes: not worth waiting for by default
            out.printf("picture     not rendered: %d nodes is more than the %d Graphviz lays out in seconds; "
                    + "to wait for it, run: dot -Tsvg %s -o %s%n", e.nodes(), Graphviz.MAX_NODES, dot, svg);
        } else if (dotExe.isPresent()) {
            String problem = Graphviz.renderSvg(dotExe.get(), dot, svg);
            if (problem == null) {
                out.printf("picture     %s%n", svg);
            } else {
                out.printf("picture     not rendered: %s%n", problem);
            }
        } else {
            out.printf("picture     Graphviz's dot is not on the PATH (Debian: apt-get install graphviz); "
                    + "render with: dot -Tsvg %s -o %s%n", dot, svg);
        }
        out.flush();
        return 0;
    }

    /** {@code --name} is a file name stem inside {@code --out-dir}: no directories, no way out of it. */
    private void checkName() {
        boolean plain = !name.isBlank() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
        if (!plain) {
            throw new ParameterException(spec.commandLine(), "--name '" + name + "': give a plain file name such as "
                    + "'tanh-graph', without '/' or '\\'; the files go into --out-dir (" + outDir + ")");
        }
    }
}
