package dev.chainrule.examples;

import dev.chainrule.examples.expr.Expression;
import dev.chainrule.examples.expr.ExpressionException;
import dev.chainrule.examples.expr.Snippet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** The expression and its variables, shared by {@code graph} and {@code gradcheck}. */
final class ExpressionOptions {
    @Parameters(index = "0", paramLabel = "EXPRESSION",
            description = "e.g. \"tanh(x*y + sin(x))^2\": numbers, variables, + - * / ^, parentheses, "
                    + "pi, e, and the registry's functions: exp log tanh gelu erf ... max(a,b) min(a,b) atan2(a,b) "
                    + "elu(x,alpha) leakyRelu(x,slope) (an unknown name lists them all)")
    String text;

    /** The entries as given; {@link #parse} reads them, strictly. */
    @Option(names = "--vars", split = ",", paramLabel = "NAME=VALUE",
            description = "the point, e.g. --vars x=1,y=2 (spaces after commas are fine); every variable of the "
                    + "expression needs exactly one value, and only its variables may be given")
    List<String> vars = new ArrayList<>();

    /** The value of each variable, in the order --vars gave them; filled by {@link #parse}. */
    private final Map<String, Double> values = new LinkedHashMap<>();
    /** Each entry as written, for messages. */
    private final Map<String, String> given = new LinkedHashMap<>();

    /**
     * The parsed expression, with {@link #values} read from {@code --vars}. A mistake in
     * either is a usage error (exit code 2).
     */
    Expression parse(CommandSpec spec) {
        Expression e;
        try {
            e = Expression.parse(text);
        } catch (ExpressionException ex) {
            throw new ParameterException(spec.commandLine(), "cannot parse the expression: " + ex.getMessage());
        }
        values.clear();
        given.clear();
        for (String entry : vars) {
            read(spec, e, entry.strip());
        }
        List<String> missing = new ArrayList<>();
        for (String v : e.variables()) {
            if (!values.containsKey(v)) {
                missing.add(v);
            }
        }
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no value for variable" + (missing.size() > 1 ? "s " : " ")
                    + Snippet.of(String.join(", ", missing)) + " of \"" + Snippet.of(text) + "\"; give "
                    + (missing.size() > 1 ? "them" : "it") + " with --vars, e.g. --vars " + example(e.variables()));
        }
        return e;
    }

    /** Reads one {@code NAME=VALUE} entry into {@link #values}, refusing anything but a new variable of {@code e}. */
    private void read(CommandSpec spec, Expression e, String entry) {
        if (entry.isEmpty()) {
            throw bad(spec, "--vars has an empty entry (two commas in a row?); write NAME=VALUE,NAME=VALUE");
        }
        int eq = entry.indexOf('=');
        if (eq < 0) {
            throw bad(spec, "--vars \"" + entry + "\": expected NAME=VALUE, e.g. --vars " + example(e.variables()));
        }
        String name = entry.substring(0, eq).strip(), number = entry.substring(eq + 1).strip();
        if (name.isEmpty()) {
            throw bad(spec, "--vars \"" + entry + "\": the name before '=' is missing");
        }
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException ex) {
            throw bad(spec, "--vars " + name + "=" + number + ": '" + number + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw bad(spec, "--vars " + name + "=" + number + ": the value must be a finite number");
        }
        Optional<String> reserved = Expression.reserved(name);
        if (reserved.isPresent() && !e.variables().contains(name)) {
            throw bad(spec, "--vars " + name + "=" + number + ": " + name + " is " + reserved.get()
                    + " in expressions, not a variable");
        }
        if (!e.variables().contains(name)) {
            throw bad(spec, "--vars " + name + "=" + number + ": \"" + Snippet.of(text) + "\" has no variable " + name
                    + (e.variables().isEmpty() ? " (it has no variables)" : "; its variables are "
                    + Snippet.of(String.join(", ", e.variables()))));
        }
        if (values.containsKey(name)) {
            throw bad(spec, "--vars gives " + name + " twice: " + given.get(name) + " and " + name + "=" + number);
        }
        values.put(name, value);
        given.put(name, name + "=" + number);
    }

    private static ParameterException bad(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Variable names in the order --vars gave them (after {@link #parse}: exactly the expression's variables). */
    List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    /** The value given for a variable (after {@link #parse}). */
    double value(String name) {
        return values.get(name);
    }

    private static String example(List<String> names) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            s.append(i > 0 ? "," : "").append(names.get(i)).append('=').append(i + 1);
        }
        return s.length() == 0 ? "x=1" : Snippet.of(s.toString());
    }
}
