package dev.chainrule.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and captures what it prints. */
record Cli(int code, String out, String err) {
    static Cli run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Chainrule.run(o, e, args);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** True when nothing printed looks like a Java stack trace. */
    boolean noStackTrace() {
        String all = out + err;
        return !all.contains("\tat ") && !all.matches("(?s).*Exception( in thread|:\\s*$).*")
                && !all.contains("at dev.chainrule") && !all.contains("at picocli");
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
