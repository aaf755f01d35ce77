package io.mooring.agent.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON the agent and the platform speak: ISO-8601 instants, nulls left out, unknown fields ignored. What the
 * agent reads (the desired state above all) is bounded in nesting and size, so an answer it did not expect costs a
 * refused read, not its memory: addon-service never nests values or objects deeper than 64 levels, and a desired
 * state is far below {@value #MAX_DOCUMENT} bytes.
 */
public final class PlatformJson {

    /** Deepest nesting read: objects (64 levels at most) inside the desired state's own few levels. */
    public static final int MAX_NESTING = 100;
    /** Largest document read, in bytes (or characters). */
    public static final long MAX_DOCUMENT = 64L * 1024 * 1024;

    private PlatformJson() {
    }

    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxDocumentLength(MAX_DOCUMENT)
                        .maxStringLength((int) MAX_DOCUMENT)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }
}
