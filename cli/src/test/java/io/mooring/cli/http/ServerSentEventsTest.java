package io.mooring.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    private static final String STREAM = """
            event: ready
            data: {"clusterId":"c1"}

            : keep-alive

            id: e1
            event: event
            data: {"id":"e1",
            data: "reason":"BackOff"}

            id: e2
            event:event
            data:{"id":"e2"}

            """;

    @Test
    void eventsAreSplitAtBlankLinesWithTheirNameIdAndJoinedDataAndCommentsAreSkipped() throws Exception {
        List<ServerSentEvents.Event> events = new ArrayList<>();
        ServerSentEvents.read(new BufferedReader(new StringReader(STREAM)), events::add);

        assertThat(events).containsExactly(
                new ServerSentEvents.Event("ready", null, "{\"clusterId\":\"c1\"}"),
                new ServerSentEvents.Event("event", "e1", "{\"id\":\"e1\",\n\"reason\":\"BackOff\"}"),
                new ServerSentEvents.Event("event", "e2", "{\"id\":\"e2\"}"));
    }

    @Test
    void readingStopsWhenTheHandlerAnswersFalse() throws Exception {
        List<ServerSentEvents.Event> events = new ArrayList<>();
        ServerSentEvents.read(new BufferedReader(new StringReader(STREAM)), e -> events.add(e) && events.size() < 2);

        assertThat(events).hasSize(2);
    }
}
