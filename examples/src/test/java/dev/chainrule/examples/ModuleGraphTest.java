package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nativeblas.BundledOpenBlas;
import dev.chainrule.nn.Module;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The four module descriptors as built: what each exports (the API packages only; the kernels
 * to chainrule's own modules), the MatMulProvider service, and that the whole graph, with
 * EJML's, netlib-java's, JavaCPP's and the examples' dependencies under their automatic or
 * declared names, resolves from this test's class path entries as a module path would. The
 * tests themselves run on the class path (see the parent pom).
 */
class ModuleGraphTest {

    /** The class path entry (classes directory or jar) that holds {@code c}. */
    private static Path home(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModuleDescriptor descriptor(Class<?> c) {
        Path p = home(c);
        try {
            if (Files.isDirectory(p)) {
                try (InputStream in = Files.newInputStream(p.resolve("module-info.class"))) {
                    return ModuleDescriptor.read(in);
                }
            }
            try (JarFile jar = new JarFile(p.toFile())) {
                try (InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
                    return ModuleDescriptor.read(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Package → the modules it is exported to (empty: to everyone). */
    private static Map<String, Set<String>> exports(ModuleDescriptor d) {
        Map<String, Set<String>> m = new TreeMap<>();
        d.exports().forEach(e -> m.put(e.source(), new TreeSet<>(e.targets())));
        return m;
    }

    @Test
    void autogradExportsItsApiAndTheKernelsOnlyToChainrulesOwnModules() {
        ModuleDescriptor d = descriptor(Tensor.class);
        assertEquals("dev.chainrule.autograd", d.name());
        assertEquals(Map.of("dev.chainrule.autograd", Set.of(),
                        "dev.chainrule.autograd.kernel", Set.of("dev.chainrule.nativeblas", "dev.chainrule.examples")),
                exports(d));
        assertEquals(Set.of("dev.chainrule.autograd.kernel.MatMulProvider"), d.uses());
        assertTrue(d.opens().isEmpty());
    }

    @Test
    void nnExportsEveryPackageAndGivesItsUsersAutograd() {
        ModuleDescriptor d = descriptor(Module.class);
        assertEquals("dev.chainrule.nn", d.name());
        assertEquals(Set.of("dev.chainrule.nn", "dev.chainrule.nn.data", "dev.chainrule.nn.io", "dev.chainrule.nn.monitor",
                "dev.chainrule.nn.optim"), exports(d).keySet());
        assertTrue(exports(d).values().stream().allMatch(Set::isEmpty), "nn's exports are unqualified");
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("dev.chainrule.autograd")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)), d.requires()::toString);
    }

    @Test
    void nativeBlasExportsNothingAndProvidesTheMatMulService() {
        ModuleDescriptor d = descriptor(BundledOpenBlas.class);
        assertEquals("dev.chainrule.nativeblas", d.name());
        assertTrue(d.exports().isEmpty(), d.exports()::toString);
        assertEquals(1, d.provides().size());
        ModuleDescriptor.Provides p = d.provides().iterator().next();
        assertEquals("dev.chainrule.autograd.kernel.MatMulProvider", p.service());
        assertEquals(java.util.List.of(BundledOpenBlas.class.getName()), p.providers());
    }

    @Test
    void examplesExportNothingAndOpenTheCommandsToPicocli() {
        ModuleDescriptor d = descriptor(Chainrule.class);
        assertEquals("dev.chainrule.examples", d.name());
        assertTrue(d.exports().isEmpty(), d.exports()::toString);
        assertEquals(Set.of("dev.chainrule.examples"), d.opens().stream().map(ModuleDescriptor.Opens::source)
                .collect(Collectors.toSet()));
    }

    @Test
    void theModuleGraphResolvesFromTheClassPathAsAModulePath() {
        Path[] entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isEmpty()).map(Path::of).filter(Files::exists)
                // test code (autograd's test-jar, test-classes) shares packages with the modules it tests
                .filter(p -> !p.endsWith("test-classes") && !p.getFileName().toString().endsWith("-tests.jar"))
                .toArray(Path[]::new);
        Configuration c = Configuration.resolve(ModuleFinder.of(entries), java.util.List.of(ModuleLayer.boot().configuration()),
                ModuleFinder.of(), Set.of("dev.chainrule.examples"));
        Set<String> names = c.modules().stream().map(ResolvedModule::name).collect(Collectors.toSet());
        for (String m : new String[] {"dev.chainrule.autograd", "dev.chainrule.nn", "dev.chainrule.nativeblas",
                "dev.chainrule.examples", "ejml.core", "ejml.ddense", "dev.ludovic.netlib.blas", "org.bytedeco.openblas",
                "org.bytedeco.openblas.linux.x86_64", "com.fasterxml.jackson.databind", "info.picocli", "org.knowm.xchart"}) {
            assertTrue(names.contains(m), m + " is not resolved; resolved: " + new TreeSet<>(names));
        }
    }
}
