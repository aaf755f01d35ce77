package io.mooring.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Event payloads are written and read by Jackson through a plain ObjectMapper (the outbox, the consumers, the agent),
 * which a native executable can only do for classes registered for reflection. The registration is a static file
 * (META-INF/native-image/io.mooring/mooring-events/reflect-config.json): this test keeps it complete, so a new
 * event type cannot be forgotten there.
 */
class NativeReflectionConfigTest {

    private static final String CONFIG = "META-INF/native-image/io.mooring/mooring-events/reflect-config.json";
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void everyClassOfTheEventsModuleIsRegisteredForReflection() throws Exception {
        assertThat(registered()).containsAll(compiledClasses());
    }

    @Test
    void registersNoClassThatNoLongerExists() throws Exception {
        assertThat(compiledClasses()).containsAll(registered());
    }

    private static Set<String> registered() throws IOException {
        try (InputStream in = NativeReflectionConfigTest.class.getClassLoader().getResourceAsStream(CONFIG)) {
            assertThat(in).as(CONFIG).isNotNull();
            Matcher m = NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Set<String> names = new TreeSet<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }
    }

    /** Named classes of io.mooring.events (anonymous ones and package-info are never named by Jackson). */
    private static Set<String> compiledClasses() throws IOException, URISyntaxException {
        Path root = Path.of(Topics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root.resolve("io/mooring/events"))) {
            List<String> names = files.map(p -> root.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .filter(n -> !n.matches(".*\\$\\d+.*"))
                    .toList();
            return new TreeSet<>(names);
        }
    }
}
