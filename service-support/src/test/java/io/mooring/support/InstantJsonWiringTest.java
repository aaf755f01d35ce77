package io.mooring.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.mooring.support.api.InstantJson;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The application's own ObjectMapper (request bodies, responses) reads instants with {@link InstantJson}. */
@QuarkusTest
class InstantJsonWiringTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void theServicesObjectMapperReadsInstantsWithTheFastPathInFront() throws Exception {
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), mapper.createParser("0"), mapper.getInjectableValues());
        assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)).getClass().getEnclosingClass())
                .isEqualTo(InstantJson.class);
        assertThat(mapper.readValue("\"2026-12-06T07:01:52.123456Z\"", Instant.class))
                .isEqualTo(Instant.parse("2026-12-06T07:01:52.123456Z"));
    }
}
