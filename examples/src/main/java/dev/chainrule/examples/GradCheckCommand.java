package dev.chainrule.examples;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Value;
import dev.chainrule.examples.expr.Expression;
import dev.chainrule.examples.expr.Snippet;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chainrule gradcheck}: the engine's gradients of an expression against finite differences. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Compare the engine's gradients of an expression with central finite differences "
                + "and print the report. Exit code 1 when the check fails.",
            "Example: chainrule gradcheck \"log(x)/y + x^y\" --vars x=2,y=3"})
final class GradCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExpressionOptions expression;

    @Option(names = "--step", paramLabel = "H", defaultValue = "1e-6",
            description = "finite-difference step (default: ${DEFAULT-VALUE})")
    double step;

    @Option(names = "--atol", defaultValue = "1e-5", description = "absolute tolerance (default: ${DEFAULT-VALUE})")
    double atol;

    @Option(names = "--rtol", defaultValue = "1e-3", description = "relative tolerance (default: ${DEFAULT-VALUE})")
    double rtol;

    @Option(names = "--second-order", description = "also check second derivatives (the Hessian)")
    boolean secondOrder;

    @Override
    public Integer call() {
        Expression e = expression.parse(spec);
        if (!(step > 0) || !(atol >= 0) || !(rtol >= 0)) {
            throw new ParameterException(spec.commandLine(), "--step must be > 0 and --atol, --rtol >= 0; got step "
                    + step + ", atol " + atol + ", rtol " + rtol);
        }
        List<String> names = expression.names();
        if (names.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to check: \"" + Snippet.of(e.text())
                    + "\" has no variables, so it has no gradient");
        }
        double[] x = new double[names.size()];
        StringBuilder point = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            x[i] = expression.value(names.get(i));
            point.append(i > 0 ? ", " : "").append(names.get(i)).append(" = ").append(x[i]);
        }
        Function<List<Value>, Value> f = values -> e.evaluate(names, values);
        GradCheck check = GradCheck.withDefaults().step(step).tolerance(atol, rtol)
                .inputNames(names.toArray(new String[0]));

        PrintWriter out = spec.commandLine().getOut();
        out.printf("expression  %s%n", Snippet.of(e.text()));
        out.printf("point       %s%n", point);
        out.printf("kernel      %s%n", Report.SCALAR_KERNEL);
        GradCheck.Report first = check.check(f, x);
        out.print(first);
        boolean passed = first.passed();
        if (secondOrder) {
            GradCheck.Report second = check.checkSecondOrder(f, x);
            out.print(second);
            passed &= second.passed();
        }
        if (!passed) {
            out.println("hint: finite differences disagree at kinks (relu, abs, step, max/min at a tie) and "
                    + "where a function is not defined (log or sqrt at 0); try a point away from them");
        }
        out.flush();
        return passed ? 0 : 1;
    }
}
