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

/** A kubeconfig for the simulated API server: the agent's (for an agent process) or the admin's (for kubectl). */
final class Kubeconfig {

    private Kubeconfig() {
    }

    static Path write(Path file, String name, String masterUrl, String token, String namespace, String user) {
        var kubeconfig = new ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .withClusters(new NamedClusterBuilder().withName(name).withNewCluster().withServer(masterUrl)
                        // The simulator's certificate is self-signed for the occasion: nothing to pin it to.
                        .withInsecureSkipTlsVerify(masterUrl.startsWith("https:") ? Boolean.TRUE : null).endCluster().build())
                .withUsers(new NamedAuthInfoBuilder().withName(user).withUser(new AuthInfoBuilder().withToken(token).build()).build())
                .withContexts(new NamedContextBuilder().withName(name).withNewContext().withCluster(name).withUser(user)
                        .withNamespace(namespace).endContext().build())
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
