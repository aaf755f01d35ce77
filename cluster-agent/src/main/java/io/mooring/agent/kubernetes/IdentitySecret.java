package io.mooring.agent.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.agent.platform.CredentialManager;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's identity Secret ({@code <agent name>-identity} in the agent's namespace), which the import manifest
 * creates empty and lets the agent get and update, by name, and nothing else. It holds the re-registration secret
 * the platform answers at the first registration: unlike the state directory (an emptyDir) it outlives the pod,
 * so a rescheduled agent can prove it is the installation that registered. Blocking fabric8 calls: the agent's own
 * threads only.
 */
public final class IdentitySecret implements CredentialManager.IdentityStore {

    static final String KEY = "reRegistrationSecret";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public IdentitySecret(KubernetesClient client, String namespace, String agentName) {
        this.client = client;
        this.namespace = namespace;
        this.name = agentName + "-identity";
    }

    @Override
    public String describe() {
        return "Secret " + namespace + "/" + name;
    }

    @Override
    public Optional<String> read() {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null || secret.getData() == null || secret.getData().get(KEY) == null) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(KEY)), StandardCharsets.UTF_8));
    }

    /** Replaces the Secret's data (an update, the one write the manifest allows; the Secret is never created here). */
    @Override
    public void write(String reRegistrationSecret) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new IllegalStateException(describe() + " does not exist: the import manifest creates it");
        }
        Map<String, String> data = new HashMap<>();
        data.put(KEY, Base64.getEncoder().encodeToString(reRegistrationSecret.getBytes(StandardCharsets.UTF_8)));
        secret.setData(data);
        secret.setStringData(null);
        client.secrets().inNamespace(namespace).resource(secret).update();
    }
}
