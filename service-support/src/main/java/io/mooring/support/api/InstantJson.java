package io.mooring.support.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;

/**
 * Every service reads a UTC instant in the usual shape with {@link IsoInstants}, and everything else exactly as
 * jackson-datatype-jsr310 does (its {@link InstantDeserializer} is the fallback, with the same errors).
 */
@Singleton
public class InstantJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        // The module added last is asked first, so this one must come after jsr310's JavaTimeModule. Quarkus registers
        // that module in a customizer of its own, which may run after this one: registered here first, Quarkus's
        // registration is then a duplicate, which Jackson skips (IGNORE_DUPLICATE_MODULE_REGISTRATIONS).
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(new SimpleModule("mooring-instants")
                .addDeserializer(Instant.class, new Reader(InstantDeserializer.INSTANT)));
    }

    /** The fast path in front of jackson-datatype-jsr310's reader, contextualised as that reader is. */
    static final class Reader extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

        private final JsonDeserializer<Instant> standard;

        Reader(JsonDeserializer<Instant> standard) {
            super(Instant.class);
            this.standard = standard;
        }

        @Override
        public LogicalType logicalType() {
            return standard.logicalType();
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                Instant read = IsoInstants.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                if (read != null) {
                    return read;
                }
            }
            return standard.deserialize(p, ctxt);
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> contextual = standard instanceof ContextualDeserializer c
                    ? c.createContextual(ctxt, property) : standard;
            JsonFormat.Value format = findFormatOverrides(ctxt, property, Instant.class);
            // A property formatted its own way (@JsonFormat with a pattern) is read by that format only.
            if (format != null && format.hasPattern()) {
                return contextual;
            }
            return contextual == standard ? this : new Reader((JsonDeserializer<Instant>) contextual);
        }
    }
}
