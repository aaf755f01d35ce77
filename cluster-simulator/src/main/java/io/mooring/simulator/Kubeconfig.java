package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kubeconfig an agent running as its own process reads: the simulated API server and the agent's token. */
final class Kubeconfig {

    private Kubeconfig() {
    }

    static Path write(Path file, String name, String masterUrl, String agentToken, String agentNamespace) {
        var kubeconfig = new ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .withClusters(new NamedClusterBuilder().withName(name).withNewCluster().withServer(masterUrl).endCluster().build())
                .withUsers(new NamedAuthInfoBuilder().withName("mooring-agent").withUser(new AuthInfoBuilder().withToken(agentToken).build()).build())
                .withContexts(new NamedContextBuilder().withName(name).withNewContext().withCluster(name).withUser("mooring-agent")
                        .withNamespace(agentNamespace).endContext().build())
                .withCurrentContext(name)
                .build();
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, Serialization.asYaml(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
        return file;
    }
}
