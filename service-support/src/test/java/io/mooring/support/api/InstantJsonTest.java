package io.mooring.support.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantJsonTest {

    record Stamped(Instant at, List<Instant> more) {
    }

    record Patterned(@JsonFormat(pattern = "yyyy-MM-dd HH:mm", timezone = "UTC") Instant at) {
    }

    private final ObjectMapper standard = new ObjectMapper().registerModule(new JavaTimeModule());
    private final ObjectMapper mooring = customized();

    private static ObjectMapper customized() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new InstantJson().customize(mapper);
        return mapper;
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-12-06T07:01:52.123456Z\"", "\"2026-12-06T07:01:52Z\"",
        "\"2026-12-06T08:01:52+01:00\"", "\"2026-12-06T07:01:52.123+0000\"", "\"2026-12-06t07:01:52z\"",
        "\"2026-12-06T24:00:00Z\"", "1733468512", "1733468512.5", "\"1733468512\"", "null"})
    void readsEveryInstantAsJacksonsJavaTimeModuleDoes(String json) throws Exception {
        String body = "{\"at\":" + json + ",\"more\":[" + json + "]}";
        assertThat(mooring.readValue(body, Stamped.class)).isEqualTo(standard.readValue(body, Stamped.class));
        assertThat(mooring.readValue(json, Instant.class)).isEqualTo(standard.readValue(json, Instant.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-02-30T00:00:00Z\"", "\"yesterday\"", "\"2026-12-06\""})
    void refusesWhatJacksonsJavaTimeModuleRefusesWithTheSameError(String json) {
        String body = "{\"at\":" + json + "}";
        Throwable expected = catchIt(() -> standard.readValue(body, Stamped.class));
        assertThat(expected).isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> mooring.readValue(body, Stamped.class))
                .isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
    }

    @Test
    void aPropertyWithItsOwnPatternIsReadByThatPatternOnly() throws Exception {
        assertThat(mooring.readValue("{\"at\":\"2026-12-06 07:01\"}", Patterned.class).at())
                .isEqualTo(Instant.parse("2026-12-06T07:01:00Z"));
        assertThatThrownBy(() -> mooring.readValue("{\"at\":\"2026-12-06T07:01:00Z\"}", Patterned.class))
                .isInstanceOf(InvalidFormatException.class);
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static Throwable catchIt(Call call) {
        try {
            call.run();
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
