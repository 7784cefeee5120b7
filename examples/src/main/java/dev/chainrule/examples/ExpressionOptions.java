package dev.chainrule.examples;

import dev.chainrule.examples.expr.Expression;
import dev.chainrule.examples.expr.ExpressionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** The expression and its variables, shared by {@code graph} and {@code gradcheck}. */
final class ExpressionOptions {
    @Parameters(index = "0", paramLabel = "EXPRESSION",
            description = "e.g. \"tanh(x*y + sin(x))^2\": numbers, variables, + - * / ^, parentheses, "
                    + "pi, e, and exp log sqrt abs sin cos tanh sigmoid relu softplus step max(a,b) min(a,b) "
                    + "leakyRelu(x,slope)")
    String text;

    @Option(names = "--vars", split = ",", paramLabel = "NAME=VALUE",
            description = "the point, e.g. --vars x=1,y=2 (every variable of the expression needs a value)")
    Map<String, Double> vars = new LinkedHashMap<>();

    /** The parsed expression; a mistake in it is a usage error (exit code 2). */
    Expression parse(CommandSpec spec) {
        Expression e;
        try {
            e = Expression.parse(text);
        } catch (ExpressionException ex) {
            throw new ParameterException(spec.commandLine(), "cannot parse the expression: " + ex.getMessage());
        }
        List<String> missing = new ArrayList<>();
        for (String v : e.variables()) {
            if (!vars.containsKey(v)) {
                missing.add(v);
            }
        }
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no value for variable" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " of \"" + text + "\"; give them with --vars, e.g. --vars "
                    + example(e.variables()));
        }
        return e;
    }

    /** Variable names in the order --vars gave them (a parsed expression's variables are all among them). */
    List<String> names() {
        return new ArrayList<>(vars.keySet());
    }

    private static String example(List<String> names) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            s.append(i > 0 ? "," : "").append(names.get(i)).append('=').append(i + 1);
        }
        return s.toString();
    }
}
