package io.mooring.agent.kubernetes;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API discovery for objects the agent only knows as apiVersion and kind (add-on objects, what an import
 * installed): the plural to address them and whether they are namespaced. Cached per group version; a kind that
 * is not found makes the group version be read again, since an earlier layer may just have installed its CRD.
 */
public final class ApiResources {

    /** Where a kind lives in the API. */
    public record Resolved(String apiVersion, String group, String version, String kind, String plural, boolean namespaced) {
        public ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind).withPlural(plural)
                    .withNamespaced(namespaced).build();
        }
    }

    private final KubernetesClient client;
    private final Map<String, Map<String, Resolved>> byApiVersion = new ConcurrentHashMap<>();

    public ApiResources(KubernetesClient client) {
        this.client = client;
    }

    public Optional<Resolved> resolve(String apiVersion, String kind) {
        Map<String, Resolved> kinds = byApiVersion.get(apiVersion);
        if (kinds == null || !kinds.containsKey(kind)) {
            kinds = load(apiVersion);
        }
        return Optional.ofNullable(kinds.get(kind));
    }

    /** For the planner: namespaced or not, or empty when the server does not serve the kind. */
    public Optional<Boolean> namespaced(String apiVersion, String kind) {
        return resolve(apiVersion, kind).map(Resolved::namespaced);
    }

    private Map<String, Resolved> load(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        Map<String, Resolved> kinds = new HashMap<>();
        APIResourceList list;
        try {
            list = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            list = null;
        }
        if (list != null && list.getResources() != null) {
            for (APIResource resource : list.getResources()) {
                if (resource.getName() == null || resource.getName().contains("/")) {
                    continue;
                }
                kinds.putIfAbsent(resource.getKind(), new Resolved(apiVersion, group, version, resource.getKind(), resource.getName(),
                        Boolean.TRUE.equals(resource.getNamespaced())));
            }
        }
        byApiVersion.put(apiVersion, kinds);
        return kinds;
    }
}
