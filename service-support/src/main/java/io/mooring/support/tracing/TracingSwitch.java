package io.mooring.support.tracing;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Tracing is on where an OTLP endpoint is configured and off otherwise. Quarkus would start the OpenTelemetry SDK
 * regardless and export to {@code localhost:4317}, failing every few seconds where no collector listens; this
 * interceptor answers {@code quarkus.otel.sdk.disabled} with {@code true} unless
 * {@code quarkus.otel.exporter.otlp.traces.endpoint} or {@code quarkus.otel.exporter.otlp.endpoint} is set.
 * An explicit {@code quarkus.otel.sdk.disabled} (in any configuration source above Quarkus's defaults) wins.
 */
public class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    /** Below this ordinal a value is a framework default (META-INF/microprofile-config.properties is 100). */
    private static final int EXPLICIT = 100;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || explicit(value)) {
            return value;
        }
        boolean exporting = configured(context, TRACES_ENDPOINT) || configured(context, ENDPOINT);
        return ConfigValue.builder().withName(name).withValue(String.valueOf(!exporting))
                .withConfigSourceName("mooring-tracing-switch").withConfigSourceOrdinal(EXPLICIT - 1).build();
    }

    /** Quarkus's own defaults do not count: it defaults both endpoints to {@code http://localhost:4317/}. */
    private static boolean configured(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        return explicit(value) && value.getValue() != null && !value.getValue().isBlank();
    }

    private static boolean explicit(ConfigValue value) {
        return value != null && value.getConfigSourceOrdinal() >= EXPLICIT;
    }
}
