package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --vars} is strict: trimmed, and every entry a new variable of the expression with a finite value. */
class VarsOptionTest {
    @Test
    void spacesAroundEntriesNamesAndValuesAreTrimmed(@TempDir Path dir) {
        Cli r = Cli.run("graph", "x*y", "--vars", " x = 1,  y=2 ", "--out-dir", dir.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("value       2.0"), r::toString);
        assertTrue(r.out().contains("d/dx      2.0"), r::toString);
    }

    @Test
    void repeatedOptionsAddUp(@TempDir Path dir) {
        Cli r = Cli.run("graph", "x*y", "--vars", "x=3", "--vars", "y=2", "--out-dir", dir.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("value       6.0"), r::toString);
    }

    /** Each bad --vars, and the words its message must contain. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "x*y; x=1,y=2,z=3; \"x*y\" has no variable z; its variables are x, y",
        "2*x; x=1,y=2; no variable y",
        "2*pi; pi=3; pi is the constant 3.14159",
        "x^e; x=1,e=2; e is the constant 2.718",
        "x; x=1,sin=2; sin is a function",
        "x*y; x=1,y=2,x=3; --vars gives x twice: x=1 and x=3",
        "x; x=one; 'one' is not a number",
        "x; x=NaN; must be a finite number",
        "x; x=Infinity; must be a finite number",
        "x; x; expected NAME=VALUE",
        "x; =2; the name before '=' is missing",
        "x*y; x=1; no value for variable y",
        "x*y; 'x=1,,y=2'; an empty entry",
    })
    void badEntriesAreRefusedWithTheReason(String expression, String vars, String reason) {
        Cli r = Cli.run("graph", expression, "--vars", vars);
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(reason), () -> "expected '" + reason + "' in\n" + r);
        // picocli's own map conversion used to say "option option '--vars'"
        assertFalse(r.err().contains("option option"), r::toString);
        assertTrue(r.noStackTrace(), r::toString);
    }

    @Test
    void gradcheckIsAsStrict() {
        Cli r = Cli.run("gradcheck", "x*x", "--vars", "x=1,y=2");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("no variable y"), r::toString);
        assertTrue(r.out().isEmpty(), r::toString);
    }
}
