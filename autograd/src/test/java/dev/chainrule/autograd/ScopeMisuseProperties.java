package dev.chainrule.autograd;

import static dev.chainrule.autograd.BadInputs.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * GradMode and Anomaly scopes closed out of order, or on another thread, would restore the
 * wrong mode and leave it set silently (recording off for the rest of the program). Such a
 * close is refused naming the scope, and changes nothing; closing properly afterwards still
 * restores the defaults.
 */
class ScopeMisuseProperties {

    /** An open scope and the flag it belongs to. */
    private record Open(String flag, AutoCloseable scope) {
    }

    @Property(tries = 60)
    void scopesClosedOutOfOrderAreRefusedAndChangeNothing(@ForAll long seed) throws Exception {
        Random rng = new Random(seed);
        List<Open> opened = new ArrayList<>();
        for (int i = 0, n = 1 + rng.nextInt(5); i < n; i++) {
            switch (rng.nextInt(3)) {
                case 0 -> opened.add(new Open("GradMode", GradMode.disabled()));
                case 1 -> opened.add(new Open("GradMode", GradMode.enabled()));
                default -> opened.add(new Open("Anomaly", Anomaly.detect()));
            }
        }
        List<Open> order = new ArrayList<>(opened);
        Collections.shuffle(order, rng);
        List<Open> stillOpen = new ArrayList<>(opened);
        for (Open o : order) {
            Open innermost = null;
            for (Open s : stillOpen) {
                if (s.flag().equals(o.flag())) {
                    innermost = s; // the last opened of its flag
                }
            }
            if (innermost == o) {
                o.scope().close();
                stillOpen.remove(o);
            } else {
                boolean grad = GradMode.isEnabled(), anomaly = Anomaly.isEnabled();
                refused(o.flag(), () -> {
                    o.scope().close();
                    return null;
                });
                assertEquals(grad, GradMode.isEnabled(), "a refused close changed the grad mode");
                assertEquals(anomaly, Anomaly.isEnabled(), "a refused close changed anomaly mode");
            }
        }
        for (int i = stillOpen.size() - 1; i >= 0; i--) {
            stillOpen.get(i).scope().close();
        }
        assertEquals(true, GradMode.isEnabled());
        assertEquals(false, Anomaly.isEnabled());
    }

    @Example
    void scopesClosedOnAnotherThreadAreRefused() throws Exception {
        try (GradMode.Scope off = GradMode.disabled(); Anomaly.Scope on = Anomaly.detect()) {
            CompletableFuture<RuntimeException> g = CompletableFuture.supplyAsync(() -> refused("GradMode", () -> {
                off.close();
                return null;
            }));
            CompletableFuture<RuntimeException> a = CompletableFuture.supplyAsync(() -> refused("Anomaly", () -> {
                on.close();
                return null;
            }));
            g.get();
            a.get();
            assertEquals(false, GradMode.isEnabled());
            assertEquals(true, Anomaly.isEnabled());
        }
        assertEquals(true, GradMode.isEnabled());
        assertEquals(false, Anomaly.isEnabled());
    }
}
