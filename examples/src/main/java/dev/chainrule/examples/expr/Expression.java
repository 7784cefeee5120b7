package dev.chainrule.examples.expr;

import dev.chainrule.autograd.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed arithmetic expression over named variables, such as {@code tanh(x*y + sin(x))^2},
 * that builds a {@link Value} graph when evaluated.
 *
 * <p>Grammar (usual precedence; {@code ^} binds tighter than unary minus and is right
 * associative, so {@code -x^2 = -(x^2)} and {@code 2^3^2 = 2^9}):
 * <pre>
 * expr    = term { ("+" | "-") term }
 * term    = unary { ("*" | "/") unary }
 * unary   = ("-" | "+") unary | power
 * power   = primary [ "^" unary ]
 * primary = number | name | name "(" expr { "," expr } ")" | "(" expr ")"
 * </pre>
 * Names are variables, the constants {@code pi} and {@code e}, or the functions of the op
 * registry ({@link dev.chainrule.autograd.ElementwiseFunction#scalarFunctions()}: {@code exp
 * log tanh gelu atan2(a,b) maximum(a,b) elu(x,alpha) leakyRelu(x,slope)} and the rest, plus
 * {@code max(a,b)} and {@code min(a,b)}), in any letter case; a function's constant
 * parameters follow its inputs as number literals, and {@code softplus(x)} may leave its
 * beta and threshold out. A power
 * whose exponent is a number literal records {@code pow(double)}; any other exponent records
 * the two-input {@code pow(Value)}.
 *
 * <p>The text is parsed once into postfix code; evaluation runs that code with an explicit
 * stack, so long expressions never recurse. Parsing recurses only on parentheses and
 * function calls, and nesting deeper than {@value #MAX_NESTING} is rejected with a message.
 */
public final class Expression {
    /** Deepest nesting of parentheses, calls and unary signs the parser accepts. */
    public static final int MAX_NESTING = 500;

    private final String text;
    private final List<Instr> code;
    private final List<String> variables;

    private Expression(String text, List<Instr> code, List<String> variables) {
        this.text = text;
        this.code = code;
        this.variables = variables;
    }

    /**
     * Parses {@code text}.
     *
     * @param text the expression, e.g. {@code "x * y + 2"}
     * @return the parsed expression
     * @throws ExpressionException with the position of the first mistake
     */
    public static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ExpressionException("the expression is empty; write e.g. \"tanh(x*y + sin(x))^2\"");
        }
        Parser p = new Parser(text);
        p.expr();
        if (p.tok.kind != Kind.END) {
            throw p.error("unexpected '" + p.tok.text + "' after a complete expression");
        }
        return new Expression(text, List.copyOf(p.code), Collections.unmodifiableList(new ArrayList<>(p.vars.keySet())));
    }

    /**
     * The text this expression was parsed from.
     *
     * @return the source text
     */
    public String text() {
        return text;
    }

    /**
     * The variables in order of first appearance in the text.
     *
     * @return the variable names, each once
     */
    public List<String> variables() {
        return variables;
    }

    /**
     * How many nodes {@link #evaluate} builds: one per variable, constant and operation.
     *
     * @return the size of this expression's graph
     */
    public int nodes() {
        int n = variables.size();
        for (Instr in : code) {
            n += in instanceof Var ? 0 : 1;
        }
        return n;
    }

    /**
     * What a name means when it cannot be a variable: {@code pi} and {@code e} are constants,
     * the function names (any letter case) are functions.
     *
     * @param name a name, e.g. from {@code --vars}
     * @return a description such as {@code "the constant 3.141592653589793"}, or empty for a
     *         name that is a variable wherever it appears
     */
    public static Optional<String> reserved(String name) {
        if (name.equals("pi")) {
            return Optional.of("the constant " + Math.PI);
        }
        if (name.equals("e")) {
            return Optional.of("the constant " + Math.E);
        }
        return Builtin.named(name) == null ? Optional.empty() : Optional.of("a function");
    }

    /**
     * Builds the graph of this expression with each variable bound to the value given for it.
     *
     * @param values a value for each variable of the expression
     * @return the expression's output node
     * @throws ExpressionException naming any variable the map has no value for
     */
    public Value evaluate(Map<String, Value> values) {
        for (String v : variables) {
            if (!values.containsKey(v) || values.get(v) == null) {
                throw new ExpressionException("variable '" + v + "' has no value; give every variable of \""
                        + Snippet.of(text) + "\" a value, e.g. --vars " + String.join(",", example(variables)));
            }
        }
        Deque<Value> stack = new ArrayDeque<>();
        for (Instr in : code) {
            in.run(stack, values);
        }
        return stack.pop();
    }

    /**
     * Builds the graph with variables bound by position: {@code names.get(i)} takes
     * {@code values.get(i)}. This is the form {@code GradCheck} and other functions of a
     * list of values need.
     *
     * @param names  the variable names, each bound to the value at its position
     * @param values the values, as many as {@code names}
     * @return the expression's output node
     */
    public Value evaluate(List<String> names, List<Value> values) {
        if (names.size() != values.size()) {
            throw new ExpressionException("got " + values.size() + " values for the " + names.size()
                    + " variables " + names);
        }
        Map<String, Value> bound = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            bound.put(names.get(i), values.get(i));
        }
        return evaluate(bound);
    }

    private static List<String> example(List<String> names) {
        List<String> ex = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ex.add(names.get(i) + "=" + (i + 1));
        }
        return ex;
    }

    @Override
    public String toString() {
        return text;
    }

    // ---------------------------------------------------------------- postfix code

    /** One step of the postfix program: pops its operands, pushes its result. */
    private interface Instr {
        void run(Deque<Value> stack, Map<String, Value> values);
    }

    private record Const(double value) implements Instr {
        public void run(Deque<Value> stack, Map<String, Value> values) {
            stack.push(Value.constant(value));
        }
    }

    private record Var(String name) implements Instr {
        public void run(Deque<Value> stack, Map<String, Value> values) {
            stack.push(values.get(name));
        }
    }

    private record Binary(char op) implements Instr {
        public void run(Deque<Value> stack, Map<String, Value> values) {
            Value b = stack.pop(), a = stack.pop();
            switch (op) {
                case '+': stack.push(a.add(b)); break;
                case '-': stack.push(a.sub(b)); break;
                case '*': stack.push(a.mul(b)); break;
                case '/': stack.push(a.div(b)); break;
                default: stack.push(a.pow(b)); break;
            }
        }
    }

    private record PowConst(double exponent) implements Instr {
        public void run(Deque<Value> stack, Map<String, Value> values) {
            stack.push(stack.pop().pow(exponent));
        }
    }

    private record Neg() implements Instr {
        public void run(Deque<Value> stack, Map<String, Value> values) {
            stack.push(stack.pop().neg());
        }
    }

    private record Call(Builtin f, double[] params) implements Instr {
        public void run(Deque<Value> stack, Map<String, Value> values) {
            if (f.inputs() == 1) {
                stack.push(f.fn().apply(List.of(stack.pop()), params));
            } else {
                Value b = stack.pop(), a = stack.pop();
                stack.push(f.fn().apply(List.of(a, b), params));
            }
        }
    }

    // ---------------------------------------------------------------- lexer and parser

    private enum Kind { NUMBER, NAME, OP, LPAREN, RPAREN, COMMA, END }

    private record Token(Kind kind, String text, int pos) {
    }

    /** Recursive descent over the grammar in the class comment, emitting postfix code. */
    private static final class Parser {
        final String src;
        int pos;
        Token tok;
        int depth;
        final List<Instr> code = new ArrayList<>();
        final Map<String, Boolean> vars = new LinkedHashMap<>();

        Parser(String src) {
            this.src = src;
            advance();
        }

        ExpressionException error(String message) {
            return new ExpressionException(message, src, tok.pos);
        }

        void advance() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
            int start = pos;
            if (pos == src.length()) {
                tok = new Token(Kind.END, "end of text", pos);
                return;
            }
            char c = src.charAt(pos);
            if (Character.isDigit(c) || c == '.') {
                while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                    pos++;
                }
                if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                    int save = pos++;
                    if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                        pos++;
                    }
                    if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                            pos++;
                        }
                    } else {
                        pos = save; // "2e" is 2 followed by the name e: let the parser complain
                    }
                }
                tok = new Token(Kind.NUMBER, src.substring(start, pos), start);
            } else if (Character.isLetter(c) || c == '_') {
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                tok = new Token(Kind.NAME, src.substring(start, pos), start);
            } else {
                pos++;
                Kind kind = switch (c) {
                    case '+', '-', '*', '/', '^' -> Kind.OP;
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case ',' -> Kind.COMMA;
                    default -> null;
                };
                tok = new Token(kind == null ? Kind.END : kind, String.valueOf(c), start);
                if (kind == null) {
                    throw error("unexpected character '" + c + "'; expressions use numbers, names, + - * / ^, "
                            + "parentheses and commas");
                }
            }
        }

        boolean isOp(char c) {
            return tok.kind == Kind.OP && tok.text.charAt(0) == c;
        }

        void enter() {
            if (++depth > MAX_NESTING) {
                throw error("the expression nests deeper than " + MAX_NESTING + " levels");
            }
        }

        void expr() {
            term();
            while (isOp('+') || isOp('-')) {
                char op = tok.text.charAt(0);
                advance();
                term();
                code.add(new Binary(op));
            }
        }

        void term() {
            unary();
            while (isOp('*') || isOp('/')) {
                char op = tok.text.charAt(0);
                advance();
                unary();
                code.add(new Binary(op));
            }
        }

        void unary() {
            if (isOp('-') || isOp('+')) {
                boolean negate = isOp('-');
                enter();
                advance();
                unary();
                depth--;
                if (negate) {
                    int last = code.size() - 1;
                    // fold -literal into one constant, so 2^-1 stays a constant power
                    if (code.get(last) instanceof Const) {
                        code.set(last, new Const(-((Const) code.get(last)).value()));
                    } else {
                        code.add(new Neg());
                    }
                }
                return;
            }
            power();
        }

        void power() {
            primary();
            if (isOp('^')) {
                advance();
                int start = code.size();
                enter();
                unary();
                depth--;
                if (code.size() == start + 1 && code.get(start) instanceof Const) {
                    double exponent = ((Const) code.remove(start)).value();
                    code.add(new PowConst(exponent));
                } else {
                    code.add(new Binary('^'));
                }
            }
        }

        void primary() {
            Token t = tok;
            switch (t.kind) {
                case NUMBER -> {
                    double v;
                    try {
                        v = Double.parseDouble(t.text);
                    } catch (NumberFormatException e) {
                        throw error("'" + t.text + "' is not a number");
                    }
                    advance();
                    code.add(new Const(v));
                }
                case NAME -> {
                    advance();
                    if (tok.kind == Kind.LPAREN) {
                        call(t);
                    } else if (Builtin.named(t.text) != null) {
                        throw new ExpressionException("function '" + t.text + "' needs its arguments in parentheses, e.g. "
                                + t.text + "(x)", src, tok.pos);
                    } else if (t.text.equals("pi")) {
                        code.add(new Const(Math.PI));
                    } else if (t.text.equals("e")) {
                        code.add(new Const(Math.E));
                    } else {
                        vars.put(t.text, Boolean.TRUE);
                        code.add(new Var(t.text));
                    }
                }
                case LPAREN -> {
                    enter();
                    advance();
                    expr();
                    expect(Kind.RPAREN, "')' to close the '(' at position " + (t.pos + 1));
                    depth--;
                }
                default -> throw error(t.kind == Kind.END ? "the expression ends too early; expected a number, "
                        + "a variable, a function call or '('" : "expected a number, a variable, a function call "
                        + "or '(' but found '" + t.text + "'");
            }
        }

        void call(Token name) {
            Builtin f = Builtin.named(name.text);
            if (f == null) {
                throw new ExpressionException("unknown function '" + name.text + "'; the functions are "
                        + Builtin.names(), src, name.pos);
            }
            enter();
            advance(); // (
            List<Integer> starts = new ArrayList<>();
            if (tok.kind != Kind.RPAREN) {
                starts.add(code.size());
                expr();
                while (tok.kind == Kind.COMMA) {
                    advance();
                    starts.add(code.size());
                    expr();
                }
            }
            expect(Kind.RPAREN, "')' or ',' in the arguments of " + name.text);
            depth--;
            int args = starts.size(), full = f.inputs() + f.parameters();
            double[] defaults = f.fn().defaultParameters();
            boolean usesDefaults = args == f.inputs() && defaults != null;
            if (args != full && !usesDefaults) {
                throw new ExpressionException(name.text + " takes " + full + " argument" + (full == 1 ? "" : "s")
                        + (f.parameters() > 0 ? " (" + f.fn() + ")" : "") + " but got " + args, src, name.pos);
            }
            double[] params = usesDefaults ? defaults : new double[f.parameters()];
            for (int k = f.parameters() - 1; !usesDefaults && k >= 0; k--) { // parameters are literals
                int start = starts.get(f.inputs() + k);
                if (code.size() != start + 1 || !(code.get(start) instanceof Const)) {
                    throw new ExpressionException(name.text + "'s " + f.fn().parameters().get(k)
                            + " must be a number, e.g. " + exampleCall(f), src, name.pos);
                }
                params[k] = ((Const) code.remove(start)).value();
            }
            code.add(new Call(f, params));
        }

        String exampleCall(Builtin f) {
            return f.id() + "(x" + ", 0.5".repeat(f.parameters()) + ")";
        }


        void expect(Kind kind, String what) {
            if (tok.kind != kind) {
                throw error("expected " + what + " but found " + (tok.kind == Kind.END ? "the end" : "'" + tok.text + "'"));
            }
            advance();
        }
    }
}
