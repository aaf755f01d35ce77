package io.mooring.simulator;

import static io.mooring.simulator.KubeObjects.newEvent;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Random;

/** The core/v1 Events the kubelet and the controllers write when a scripted change happens. */
final class ControllerEvents {

    private final KubernetesClient adminClient;
    private final Random random;

    ControllerEvents(KubernetesClient adminClient, Random random) {
        this.adminClient = adminClient;
        this.random = random;
    }

    void node(Node node, String reason, String message) {
        Instant now = Instant.now();
        Event event = newEvent("default", "Node", node.getMetadata().getName(), node.getMetadata().getUid(), null,
                "Normal", reason, message, "node-controller", null, now, now, 1, null, ProviderProfiles.hex(random, 16));
        event.getMetadata().setUid(null);
        event.getMetadata().setCreationTimestamp(null);
        adminClient.v1().events().inNamespace("default").resource(event).create();
    }

    Event about(HasMetadata object, String fieldPath, String type, String reason, String message, String component,
            String host, int count) {
        Instant now = Instant.now();
        String namespace = object.getMetadata().getNamespace();
        Event event = newEvent(namespace, object.getKind(), object.getMetadata().getName(), object.getMetadata().getUid(),
                fieldPath, type, reason, message, component, host, now.minusSeconds(10L * (count - 1)), now, count, null,
                ProviderProfiles.hex(random, 16));
        event.getInvolvedObject().setApiVersion(object.getApiVersion());
        event.getMetadata().setUid(null);
        event.getMetadata().setCreationTimestamp(null);
        return adminClient.v1().events().inNamespace(namespace).resource(event).create();
    }
}
