package io.mooring.agent.kubernetes;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.agent.domain.PermissionEvaluator;
import io.mooring.agent.domain.PermissionEvaluator.Access;
import io.mooring.agent.domain.PermissionEvaluator.AccessAnswer;
import io.mooring.agent.domain.PermissionEvaluator.Rule;
import io.mooring.agent.domain.PermissionEvaluator.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads from the API server what the agent needs besides the inventory: the version, the API groups, paged lists,
 * and the agent's own permissions (SelfSubjectAccessReview for each probe, SelfSubjectRulesReview in its
 * namespace). Read-only on the cluster: the reviews are POSTs that change nothing. Blocking.
 */
public final class ClusterReader {

    public static final String IDENTITY_NAMESPACE = "kube-system";

    private final KubernetesClient client;
    private final int pageSize;
    private final PermissionEvaluator evaluator = new PermissionEvaluator();

    public ClusterReader(KubernetesClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    public KubernetesClient client() {
        return client;
    }

    public String gitVersion() {
        return client.getKubernetesVersion().getGitVersion();
    }

    public Set<String> apiGroups() {
        Set<String> groups = new LinkedHashSet<>();
        var list = client.getApiGroups();
        if (list != null && list.getGroups() != null) {
            for (APIGroup group : list.getGroups()) {
                groups.add(group.getName());
            }
        }
        return groups;
    }

    /**
     * Lists page by page ({@code limit}/{@code continue}), handing each item to {@code each} and dropping the page
     * before the next is read. Answers the list's resourceVersion, from which a watch can start.
     */
    public <T extends HasMetadata, L extends KubernetesResourceList<T>> String forEach(Function<ListOptions, L> list, Consumer<T> each) {
        String next = null;
        String resourceVersion = null;
        do {
            L page = list.apply(new ListOptionsBuilder().withLimit((long) pageSize).withContinue(next).build());
            if (page == null) {
                return resourceVersion;
            }
            if (resourceVersion == null && page.getMetadata() != null) {
                resourceVersion = page.getMetadata().getResourceVersion();
            }
            for (T item : page.getItems()) {
                each.accept(item);
            }
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            if (next != null && next.isEmpty()) {
                next = null;
            }
        } while (next != null);
        return resourceVersion;
    }

    /**
     * Builds the JSON readers of every type the agent lists, on the calling worker thread. The client reads answers
     * on its event loop; without this the first answers (a page of pods, with its deep type graph) would hold the
     * event loop for seconds while Jackson inspects the model classes.
     */
    public void warmUp() {
        var serialization = client.getKubernetesSerialization();
        for (Class<?> type : List.of(io.fabric8.kubernetes.api.model.NodeList.class, io.fabric8.kubernetes.api.model.NamespaceList.class,
                io.fabric8.kubernetes.api.model.PodList.class, io.fabric8.kubernetes.api.model.EventList.class,
                io.fabric8.kubernetes.api.model.PersistentVolumeClaimList.class, io.fabric8.kubernetes.api.model.apps.DeploymentList.class,
                io.fabric8.kubernetes.api.model.apps.StatefulSetList.class, io.fabric8.kubernetes.api.model.apps.DaemonSetList.class,
                io.fabric8.kubernetes.api.model.apps.ReplicaSetList.class, io.fabric8.kubernetes.api.model.batch.v1.JobList.class,
                io.fabric8.kubernetes.api.model.batch.v1.CronJobList.class, io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList.class,
                io.fabric8.kubernetes.api.model.GenericKubernetesResourceList.class, io.fabric8.kubernetes.api.model.APIGroupList.class,
                io.fabric8.kubernetes.api.model.APIResourceList.class, SelfSubjectAccessReview.class, SelfSubjectRulesReview.class)) {
            try {
                serialization.unmarshal("{\"items\":[{}]}", type);
            } catch (RuntimeException e) {
                // Only a warm-up.
            }
        }
    }

    /**
     * The cluster's identity: the UID of its kube-system namespace, which every cluster has from its creation and
     * keeps for its life, unlike anything the agent could keep in its pod. The registry binds the cluster to it, so
     * that an agent that lost its credential can register again with the spent import token. Null when the
     * namespace is missing or the agent may not read it: such an agent registers, but cannot come back.
     */
    public String clusterUid() {
        try {
            var namespace = client.namespaces().withName(IDENTITY_NAMESPACE).get();
            return namespace == null || namespace.getMetadata() == null ? null : namespace.getMetadata().getUid();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return null;
            }
            throw e;
        }
    }

    /** What the API server says the agent may do, judged read-only or full. */
    public Verdict permissions(String namespace) {
        List<AccessAnswer> answers = new ArrayList<>();
        for (Access probe : PermissionEvaluator.PROBES) {
            SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                    .withNewSpec().withNewResourceAttributes()
                    .withVerb(probe.verb()).withGroup(probe.group()).withResource(probe.resource())
                    .endResourceAttributes().endSpec().build());
            boolean allowed = review != null && review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
            answers.add(new AccessAnswer(probe, allowed));
        }
        List<Rule> rules = new ArrayList<>();
        SelfSubjectRulesReview review = client.authorization().v1().selfSubjectRulesReview().create(new SelfSubjectRulesReviewBuilder()
                .withNewSpec().withNamespace(namespace).endSpec().build());
        if (review != null && review.getStatus() != null && review.getStatus().getResourceRules() != null) {
            for (ResourceRule rule : review.getStatus().getResourceRules()) {
                rules.add(new Rule(rule.getVerbs(), rule.getApiGroups(), rule.getResources()));
            }
        }
        return evaluator.evaluate(answers, rules);
    }
}
