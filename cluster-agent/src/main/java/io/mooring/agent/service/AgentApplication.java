package io.mooring.agent.service;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mooring.agent.config.AgentConfig;
import io.mooring.agent.config.AgentSettings;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the {@link Agent} when the application starts and closes it on shutdown. The Kubernetes client is the
 * Quarkus one (in-cluster service account, or {@code quarkus.kubernetes-client.*}) unless
 * {@code mooring.agent.kubeconfig} names a kubeconfig file. All the agent's work runs on its own threads.
 */
@ApplicationScoped
public class AgentApplication {

    private static final Logger LOG = Logger.getLogger(AgentApplication.class);

    private final AgentConfig config;
    private final Instance<KubernetesClient> quarkusClient;
    private final String applicationVersion;
    private volatile Agent agent;
    private KubernetesClient ownClient;

    public AgentApplication(AgentConfig config, Instance<KubernetesClient> quarkusClient,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.0.0-dev") String applicationVersion) {
        this.config = config;
        this.quarkusClient = quarkusClient;
        this.applicationVersion = applicationVersion;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("mooring.agent.enabled=false: the agent does not start");
            return;
        }
        AgentSettings settings = AgentSettings.from(config, applicationVersion);
        KubernetesClient client = kubernetesClient(config.kubeconfig());
        Agent started = new Agent(settings, client, Clock.systemUTC(), () -> {
            if (config.exitWhenStopped()) {
                Quarkus.asyncExit(0);
            }
        });
        agent = started;
        LOG.infof("Mooring agent %s starting: platform %s (%s), state in %s, Kubernetes API %s", settings.agentVersion(),
                settings.platformUrl(), started.platform().transport(), settings.stateDir(), client.getMasterUrl());
        started.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        Agent running = agent;
        if (running != null) {
            running.close();
        }
        if (ownClient != null) {
            ownClient.close();
        }
    }

    /** The running agent, if it was started. */
    public Optional<Agent> agent() {
        return Optional.ofNullable(agent);
    }

    private KubernetesClient kubernetesClient(Optional<String> kubeconfig) {
        if (kubeconfig.isEmpty()) {
            return quarkusClient.get();
        }
        try {
            Config fromFile = Config.fromKubeconfig(Files.readString(Path.of(kubeconfig.get())));
            ownClient = new KubernetesClientBuilder().withConfig(fromFile).build();
            return ownClient;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig.get(), e);
        }
    }
}
