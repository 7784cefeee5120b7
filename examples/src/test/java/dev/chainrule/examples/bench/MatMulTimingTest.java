package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The timing main runs end to end on a small size and reports both figures. */
class MatMulTimingTest {

    @Test
    void printsForwardAndBackwardTimes() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            MatMulTiming.main(new String[] {"16", "3"});
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("matmul 16x16 f64"), text);
        assertTrue(text.contains("forward + backward: median"), text);
    }

    @Test
    void rejectsANonPositiveSize() {
        assertThrows(IllegalArgumentException.class, () -> MatMulTiming.main(new String[] {"0"}));
    }
}
