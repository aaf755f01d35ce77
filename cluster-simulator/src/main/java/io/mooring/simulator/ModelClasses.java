package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * fabric8's model class of each kind, by {@code apiVersion#Kind}, read from the service files its model jars ship:
 * the types behind the simulator's OpenAPI document and strategic merge patches.
 */
final class ModelClasses {

    private static volatile Map<String, Class<? extends HasMetadata>> classes;

    private ModelClasses() {
    }

    static Map<String, Class<? extends HasMetadata>> all() {
        Map<String, Class<? extends HasMetadata>> known = classes;
        if (known == null) {
            known = load();
            classes = known;
        }
        return known;
    }

    static Optional<Class<? extends HasMetadata>> of(String apiVersion, String kind) {
        return Optional.ofNullable(all().get(apiVersion + "#" + kind));
    }

    private static Map<String, Class<? extends HasMetadata>> load() {
        Map<String, Class<? extends HasMetadata>> found = new LinkedHashMap<>();
        ClassLoader loader = ModelClasses.class.getClassLoader();
        try {
            Enumeration<URL> files = loader.getResources("META-INF/services/" + KubernetesResource.class.getName());
            while (files.hasMoreElements()) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(files.nextElement().openStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line : reader.lines().map(String::trim).toList()) {
                        if (line.isEmpty() || line.startsWith("#")) {
                            continue;
                        }
                        Class<?> type;
                        try {
                            type = Class.forName(line, false, loader);
                        } catch (ClassNotFoundException | LinkageError e) {
                            continue;
                        }
                        if (HasMetadata.class.isAssignableFrom(type)) {
                            Class<? extends HasMetadata> resource = type.asSubclass(HasMetadata.class);
                            found.putIfAbsent(HasMetadata.getApiVersion(resource) + "#" + HasMetadata.getKind(resource),
                                    resource);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(found);
    }
}
