package dev.chainrule.examples.expr;

import dev.chainrule.autograd.ElementwiseFunction;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A function an expression may call: one of the op registry's scalar functions
 * ({@link ElementwiseFunction#scalarFunctions()}), so every registered op is callable by its
 * method name; {@code max} and {@code min} are kept as the names of {@code maximum} and {@code minimum}.
 */
record Builtin(String id, ElementwiseFunction fn) {
    private static final Map<String, String> ALIASES = Map.of("max", "maximum", "min", "minimum");

    /** Number of expression arguments (inputs). */
    int inputs() {
        return fn.inputs();
    }

    /** Number of constant parameters, given as number literals after the inputs. */
    int parameters() {
        return fn.parameters().size();
    }

    /** The function called {@code name} (any letter case), or null. */
    static Builtin named(String name) {
        String alias = ALIASES.get(name.toLowerCase(java.util.Locale.ROOT));
        for (ElementwiseFunction f : ElementwiseFunction.scalarFunctions()) {
            if (f.name().equalsIgnoreCase(alias != null ? alias : name)) {
                return new Builtin(alias != null ? name : f.name(), f);
            }
        }
        return null;
    }

    /** All names, for error messages and help. */
    static String names() {
        return ElementwiseFunction.scalarFunctions().stream().map(ElementwiseFunction::toString)
                .collect(Collectors.joining(", ")) + ", max(a, b), min(a, b)";
    }
}
