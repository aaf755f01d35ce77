package io.mooring.agent.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.agent.config.AgentSettings;
import io.mooring.agent.domain.Backoff;
import io.mooring.agent.domain.EventBuffer;
import io.mooring.agent.domain.EventDeduplicator;
import io.mooring.agent.kubernetes.ApiResources;
import io.mooring.agent.kubernetes.Applier;
import io.mooring.agent.kubernetes.ClusterReader;
import io.mooring.agent.kubernetes.IdentitySecret;
import io.mooring.agent.kubernetes.InventoryCollector;
import io.mooring.agent.platform.CredentialManager;
import io.mooring.agent.platform.PlatformClient;
import io.mooring.agent.platform.PlatformJson;
import io.mooring.agent.platform.PlatformTransport;
import io.mooring.agent.platform.StateDirectory;
import java.time.Clock;
import java.util.Random;

/**
 * The agent's collaborators, built in one place from its settings: the platform client and the credential, the
 * state directory, what reads and watches the cluster, the event buffer, the applier and the worker threads. The
 * {@link Agent} and its loops only use them.
 */
final class AgentAssembly {

    final AgentSettings settings;
    final KubernetesClient kubernetes;
    final Clock clock;
    final ObjectMapper json;
    final PlatformClient platform;
    final StateDirectory state;
    final CredentialManager credentials;
    final ClusterReader reader;
    final InventoryCollector collector;
    final EventBuffer events;
    final EventDeduplicator dedupe;
    final ApiResources apiResources;
    final Applier applier;
    final ClusterView cluster;
    final Loops loops;
    final PlatformCalls calls;

    AgentAssembly(AgentSettings settings, KubernetesClient kubernetes, Clock clock) {
        this.settings = settings;
        this.kubernetes = kubernetes;
        this.clock = clock;
        // One random source for every backoff's jitter.
        Random random = new Random();
        this.json = PlatformJson.mapper();
        this.platform = new PlatformClient(settings.platformUrl(),
                PlatformTransport.of(settings.httpsProxy(), settings.noProxy(), settings.platformCaBundle()),
                settings.connectTimeout(), settings.requestTimeout(), settings.gzip(), json, settings.agentVersion());
        this.state = new StateDirectory(StateDirectory.usable(settings.stateDir()), json);
        this.credentials = new CredentialManager(platform, state, settings.importToken(), settings.refreshMargin(), clock,
                new Backoff(settings.backoffInitial(), settings.backoffMax(), settings.backoffMultiplier(), settings.backoffJitter(), random),
                new IdentitySecret(kubernetes, settings.namespace(), settings.name()));
        this.reader = new ClusterReader(kubernetes, settings.inventoryPageSize());
        this.collector = new InventoryCollector(reader, settings.maxProblemPods());
        this.events = new EventBuffer(settings.eventBufferSize());
        this.dedupe = new EventDeduplicator(settings.eventDedupeEntries());
        this.cluster = new ClusterView();
        this.apiResources = new ApiResources(kubernetes);
        this.applier = new Applier(kubernetes, apiResources, settings.serverSideApply(), cluster::mayWrite);
        this.loops = new Loops(settings, random);
        this.calls = new PlatformCalls(credentials, loops);
    }
}
