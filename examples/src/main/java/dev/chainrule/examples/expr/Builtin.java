package dev.chainrule.examples.expr;

import dev.chainrule.autograd.Value;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The functions an expression may call, each mapped to the {@link Value} op it records. */
enum Builtin {
    EXP(Value::exp), LOG(Value::log), SQRT(Value::sqrt), ABS(Value::abs), SIN(Value::sin), COS(Value::cos),
    TANH(Value::tanh), SIGMOID(Value::sigmoid), RELU(Value::relu), SOFTPLUS(Value::softplus), STEP(Value::step),
    MAX(Value::max), MIN(Value::min);

    final UnaryOperator<Value> unary;
    final BinaryOperator<Value> binary;

    Builtin(UnaryOperator<Value> unary) {
        this.unary = unary;
        this.binary = null;
    }

    Builtin(BinaryOperator<Value> binary) {
        this.unary = null;
        this.binary = binary;
    }

    /** Number of arguments the function takes. */
    int arity() {
        return unary != null ? 1 : 2;
    }

    /** The name used in expressions. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The function called {@code name}, or null. */
    static Builtin named(String name) {
        for (Builtin f : values()) {
            if (f.id().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** All names, for error messages and help. */
    static String names() {
        return Arrays.stream(values()).map(f -> f.id() + (f.arity() == 2 ? "(a,b)" : "")).collect(Collectors.joining(", "));
    }
}
