package io.mooring.support.api;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Quarkus's root HTTP handler checks every request target with {@code java.net.URI} and answers a target it
 * rejects (a malformed percent-escape such as {@code ?cursor=%%%}) with an empty 400, before the router and
 * so before any Mooring handler: nothing there can be hooked. Its only switch is the system property
 * {@code vertx.disableURIValidation}, read once when that handler's class loads, after configuration is read.
 * This configuration source (it provides no keys) is loaded with the configuration, and sets the property
 * unless the JVM was started with it; {@link RequestGuard} then makes the same check as the first route and
 * answers with a problem naming the parameter.
 */
public class UriValidationHandOver implements ConfigSource {

    static final String PROPERTY = "vertx.disableURIValidation";

    static {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
        return null;
    }

    @Override
    public String getName() {
        return "mooring-uri-validation-hand-over";
    }

    @Override
    public int getOrdinal() {
        return 0;
    }
}
