package dev.chainrule.examples.expr;

import dev.chainrule.autograd.Value;
import java.util.Arrays;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The functions an expression may call, each mapped to the {@link Value} op it records. */
enum Builtin {
    EXP("exp", Value::exp), LOG("log", Value::log), SQRT("sqrt", Value::sqrt), ABS("abs", Value::abs),
    SIN("sin", Value::sin), COS("cos", Value::cos), TANH("tanh", Value::tanh), SIGMOID("sigmoid", Value::sigmoid),
    RELU("relu", Value::relu), SOFTPLUS("softplus", Value::softplus), STEP("step", Value::step),
    MAX("max", Value::max), MIN("min", Value::min),
    /** leakyRelu(x, slope): the slope is a number literal, a parameter of the op rather than an input. */
    LEAKY_RELU("leakyRelu", (Value x, Value slope) -> x.leakyRelu(slope.data()), true);

    final String id;
    final UnaryOperator<Value> unary;
    final BinaryOperator<Value> binary;
    /** True when the second argument must be a number literal. */
    final boolean literalSecond;

    Builtin(String id, UnaryOperator<Value> unary) {
        this.id = id;
        this.unary = unary;
        this.binary = null;
        this.literalSecond = false;
    }

    Builtin(String id, BinaryOperator<Value> binary) {
        this(id, binary, false);
    }

    Builtin(String id, BinaryOperator<Value> binary, boolean literalSecond) {
        this.id = id;
        this.unary = null;
        this.binary = binary;
        this.literalSecond = literalSecond;
    }

    /** Number of arguments the function takes. */
    int arity() {
        return unary != null ? 1 : 2;
    }

    /** The function called {@code name} (any letter case), or null. */
    static Builtin named(String name) {
        for (Builtin f : values()) {
            if (f.id.equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /** All names, for error messages and help. */
    static String names() {
        return Arrays.stream(values()).map(f -> f.id + (f == LEAKY_RELU ? "(x,slope)" : f.arity() == 2 ? "(a,b)" : ""))
                .collect(Collectors.joining(", "));
    }
}
