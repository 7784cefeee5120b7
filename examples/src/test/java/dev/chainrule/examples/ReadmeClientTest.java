package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use it as a library" pastes the client project of {@code examples/client/} (which
 * {@code examples/client/run} builds and tests against this build's artifacts): the pom and the
 * two test classes must be there verbatim, and the version it asks for must be this build's.
 */
class ReadmeClientTest {
    private static final Path ROOT = Path.of("..");
    private static final Path CLIENT = ROOT.resolve("examples/client");

    private static String read(Path p) throws IOException {
        return Files.readString(p).replace("\r\n", "\n");
    }

    @Test
    void theReadmePastesTheClientPomAndTestsAsTheyAre() throws IOException {
        String readme = read(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Use it as a library"));
        String pom = read(CLIENT.resolve("pom.xml"));
        String fromProject = pom.substring(pom.indexOf("<project")).strip();
        assertTrue(section.contains("```xml\n" + fromProject + "\n```"), "README: the client pom.xml differs from examples/client/pom.xml");
        for (String name : new String[] {"ClientTest", "ClientProperties"}) {
            String java = read(CLIENT.resolve("src/test/java/org/example/client/" + name + ".java")).strip();
            assertTrue(section.contains("```java\n" + java + "\n```"), "README: " + name + " differs from examples/client");
        }
    }

    @Test
    void theClientAsksForThisBuildsVersionAndTheReadmeNamesIt() throws IOException {
        Matcher parent = Pattern.compile("<artifactId>chainrule-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read(ROOT.resolve("pom.xml")));
        assertTrue(parent.find());
        String version = parent.group(1);
        Matcher client = Pattern.compile("<chainrule.version>([^<]+)</chainrule.version>").matcher(read(CLIENT.resolve("pom.xml")));
        assertTrue(client.find());
        assertEquals(version, client.group(1), "examples/client/pom.xml's chainrule.version");
        String readme = read(ROOT.resolve("README.md"));
        for (String artifact : new String[] {"chainrule-autograd", "chainrule-nn", "chainrule-testkit"}) {
            assertTrue(readme.contains("`dev.chainrule:" + artifact + ":" + version + "`"), "README: coordinates of " + artifact);
        }
    }
}
