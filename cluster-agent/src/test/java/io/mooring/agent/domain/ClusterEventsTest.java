package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.mooring.events.agent.ClusterEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterEventsTest {

    @Test
    void readsACoreEventAsTheKubeletWritesIt() {
        Event event = new EventBuilder()
                .withNewMetadata().withName("api-7d9.17a").withNamespace("payments").withUid("u-1")
                .withCreationTimestamp("2026-11-01T10:00:00Z").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("api-7d9").withNamespace("payments").endInvolvedObject()
                .withType("Warning").withReason("BackOff").withMessage("Back-off restarting failed container")
                .withNewSource().withComponent("kubelet").withHost("node-1").endSource()
                .withFirstTimestamp("2026-11-01T10:00:00Z").withLastTimestamp("2026-11-01T10:05:00Z").withCount(7)
                .build();

        ClusterEvent e = ClusterEvents.from(event).orElseThrow();

        assertThat(e).isEqualTo(new ClusterEvent("u-1", "Warning", "BackOff", "Back-off restarting failed container", "payments", "Pod",
                "api-7d9", "kubelet", 7, Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:05:00Z")));
    }

    @Test
    void readsASeriesEventOfTheNewRecorder() {
        Event event = new EventBuilder()
                .withNewMetadata().withName("x").withNamespace("default").withUid("u-2").withCreationTimestamp("2026-11-01T09:00:00Z").endMetadata()
                .withNewInvolvedObject().withKind("Node").withName("node-1").endInvolvedObject()
                .withType("Normal").withReason("NodeReady").withMessage("ready")
                .withEventTime(new MicroTime("2026-11-01T09:00:00.123456Z"))
                .withNewSeries().withCount(4).withLastObservedTime(new MicroTime("2026-11-01T09:30:00.000000Z")).endSeries()
                .withReportingComponent("node-controller")
                .build();

        ClusterEvent e = ClusterEvents.from(event).orElseThrow();

        assertThat(e.count()).isEqualTo(4);
        assertThat(e.namespace()).as("a node is in no namespace").isNull();
        assertThat(e.source()).isEqualTo("node-controller");
        assertThat(e.firstSeen()).isEqualTo(Instant.parse("2026-11-01T09:00:00.123456Z"));
        assertThat(e.lastSeen()).isEqualTo(Instant.parse("2026-11-01T09:30:00Z"));
    }

    @Test
    void leavesOutWhatThePlatformWouldRefuseTheWholeBatchFor() {
        EventBuilder valid = new EventBuilder()
                .withNewMetadata().withName("x").withNamespace("default").withUid("u").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("p").endInvolvedObject()
                .withType("Normal").withReason("Started");
        assertThat(ClusterEvents.from(valid.build())).isPresent();
        assertThat(ClusterEvents.from(new EventBuilder(valid.build()).withType("Custom").build())).isEmpty();
        assertThat(ClusterEvents.from(new EventBuilder(valid.build()).withReason(null).build())).isEmpty();
        assertThat(ClusterEvents.from(new EventBuilder(valid.build()).withNewInvolvedObject().withKind("Pod").endInvolvedObject().build())).isEmpty();
        assertThat(ClusterEvents.from(new EventBuilder(valid.build()).withNewInvolvedObject().withKind("not a kind").withName("p").endInvolvedObject()
                .build())).isEmpty();
    }

    @Test
    void cleansAndCutsText() {
        Event event = new EventBuilder()
                .withNewMetadata().withName("x").withNamespace("default").withUid("u").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("p").endInvolvedObject()
                .withType("Warning").withReason("Failed\nagain").withMessage("m".repeat(10_000))
                .build();

        ClusterEvent e = ClusterEvents.from(event).orElseThrow();

        assertThat(e.reason()).isEqualTo("Failed again");
        assertThat(e.message()).hasSize(4096);
        assertThat(e.count()).isEqualTo(1);
    }
}
