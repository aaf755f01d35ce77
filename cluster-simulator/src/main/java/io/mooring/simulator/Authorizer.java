package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RBAC as the two import manifests set it up: in read-only mode the agent may get, list and watch every resource
 * except Secrets and write nothing but its own identity Secret (get and update on that one name in its namespace,
 * the import manifest's Role); in full-permission mode it is bound to cluster-admin. Every cluster also
 * lets any authenticated user review its own permissions (system:basic-user), which is why those reviews are
 * always allowed.
 */
final class Authorizer {

    static final String ADMIN_USER = "system:admin";
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
    private static final List<String> SELF_REVIEWS = List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews");

    private final ApiDiscovery discovery;
    private final String agentNamespace;
    private final String agentName;
    private volatile Mode mode;

    Authorizer(ApiDiscovery discovery, Mode mode, String agentNamespace, String agentName) {
        this.discovery = discovery;
        this.mode = mode;
        this.agentNamespace = agentNamespace;
        this.agentName = agentName;
    }

    Mode mode() {
        return mode;
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    String agentUser() {
        return "system:serviceaccount:" + agentNamespace + ":" + agentName;
    }

    /** The identity Secret the import manifest's Role lets the agent get and update ({@code <agent>-identity}). */
    String identitySecret() {
        return agentName + "-identity";
    }

    /** {@link #allows(String, String, String)}, or the agent's get or update of its own identity Secret. */
    boolean allows(String verb, String group, String resource, String namespace, String name) {
        if ("".equals(group) && "secrets".equals(resource) && agentNamespace.equals(namespace)
                && identitySecret().equals(name) && ("get".equals(verb) || "update".equals(verb))) {
            return true;
        }
        return allows(verb, group, resource);
    }

    /** Whether the agent may use {@code verb} on {@code resource} of {@code group} ("*" only matches full permission). */
    boolean allows(String verb, String group, String resource) {
        if (mode == Mode.FULL_PERMISSION) {
            return true;
        }
        if ("create".equals(verb) && (("authorization.k8s.io".equals(group) && SELF_REVIEWS.contains(resource))
                || ("authentication.k8s.io".equals(group) && "selfsubjectreviews".equals(resource)))) {
            return true;
        }
        if (!READ_VERBS.contains(verb) || "*".equals(group) || "*".equals(resource)) {
            return false;
        }
        return !("".equals(group) && "secrets".equals(resource));
    }

    /** Non-resource URLs (/healthz, /version, /metrics): readable by the read-only role, everything with full permission. */
    boolean allowsNonResource(String verb) {
        return mode == Mode.FULL_PERMISSION || "get".equals(verb);
    }

    SelfSubjectAccessReview review(SelfSubjectAccessReview review, boolean admin) {
        ResourceAttributes resource = review.getSpec() == null ? null : review.getSpec().getResourceAttributes();
        NonResourceAttributes nonResource = review.getSpec() == null ? null : review.getSpec().getNonResourceAttributes();
        boolean allowed;
        if (admin) {
            allowed = true;
        } else if (resource != null) {
            allowed = allows(orEmpty(resource.getVerb()), orEmpty(resource.getGroup()), orEmpty(resource.getResource()));
        } else {
            allowed = nonResource != null && allowsNonResource(orEmpty(nonResource.getVerb()));
        }
        // Like the real RBAC authorizer: a denial is "no rule allows it", never an explicit deny.
        review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed).withReason(allowed ? reason(admin) : "").build());
        if (review.getMetadata() != null) {
            review.getMetadata().setCreationTimestamp(null);
        }
        return review;
    }

    private String reason(boolean admin) {
        if (admin) {
            return "RBAC: allowed by ClusterRoleBinding \"cluster-admin\" of ClusterRole \"cluster-admin\" to Group \"system:masters\"";
        }
        String role = mode == Mode.FULL_PERMISSION ? "cluster-admin" : agentName + "-read-only";
        return "RBAC: allowed by ClusterRoleBinding \"" + agentName + "-" + mode.wireValue() + "\" of ClusterRole \"" + role
                + "\" to ServiceAccount \"" + agentName + "/" + agentNamespace + "\"";
    }

    SelfSubjectRulesReview rules(SelfSubjectRulesReview review, boolean admin) {
        List<ResourceRule> resourceRules = new ArrayList<>();
        List<NonResourceRule> nonResourceRules = new ArrayList<>();
        resourceRules.add(new ResourceRuleBuilder().withVerbs("create").withApiGroups("authorization.k8s.io")
                .withResources(SELF_REVIEWS).build());
        resourceRules.add(new ResourceRuleBuilder().withVerbs("create").withApiGroups("authentication.k8s.io")
                .withResources("selfsubjectreviews").build());
        if (admin || mode == Mode.FULL_PERMISSION) {
            resourceRules.add(new ResourceRuleBuilder().withVerbs("*").withApiGroups("*").withResources("*").build());
            nonResourceRules.add(new NonResourceRuleBuilder().withVerbs("*").withNonResourceURLs("*").build());
        } else {
            // A read-only ClusterRole has to name resources: RBAC has no "everything but Secrets".
            for (Map.Entry<String, Set<String>> group : discovery.resourcesByGroup().entrySet()) {
                List<String> readable = group.getValue().stream()
                        .filter(r -> !(group.getKey().isEmpty() && r.equals("secrets")))
                        .filter(r -> !r.endsWith("reviews") && !r.equals("bindings"))
                        .toList();
                if (!readable.isEmpty()) {
                    resourceRules.add(new ResourceRuleBuilder().withVerbs("get", "list", "watch").withApiGroups(group.getKey())
                            .withResources(readable).build());
                }
            }
            nonResourceRules.add(new NonResourceRuleBuilder().withVerbs("get")
                    .withNonResourceURLs("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/readyz", "/version", "/version/",
                            "/openapi", "/openapi/*")
                    .build());
        }
        review.setStatus(new SubjectRulesReviewStatusBuilder().withResourceRules(resourceRules).withNonResourceRules(nonResourceRules)
                .withIncomplete(false).build());
        return review;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
