package io.mooring.agent.domain;

import io.mooring.events.Modes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides, from what the API server answered about the agent itself, whether it holds read-only or full
 * permission. Full means cluster-admin or the equivalent: the SelfSubjectAccessReview of verb, group and resource
 * {@code *} is allowed, or the SelfSubjectRulesReview lists a rule with {@code *} for all three. Anything less is
 * read-only, also when some writes are allowed: the applier needs everything, and an agent must never believe it
 * holds more than it does. Rules every authenticated user has ({@code create} on the self-subject reviews, as
 * system:basic-user grants) say nothing about the mode and are ignored.
 */
public final class PermissionEvaluator {

    /** The reviews the agent asks for: everything, then what reporting needs. */
    public static final List<Access> PROBES = List.of(
            new Access("*", "*", "*"),
            new Access("list", "", "nodes"),
            new Access("list", "", "namespaces"),
            new Access("list", "", "pods"),
            new Access("watch", "", "pods"),
            new Access("list", "", "events"),
            new Access("watch", "", "events"),
            new Access("list", "apps", "deployments"),
            new Access("list", "", "persistentvolumeclaims"));

    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
    private static final Set<String> SELF_REVIEWS = Set.of("selfsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews");
    private static final Set<String> SELF_REVIEW_GROUPS = Set.of("authorization.k8s.io", "authentication.k8s.io");

    /** What one access review asked. */
    public record Access(String verb, String group, String resource) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
        }
    }

    /** The answer to one access review. */
    public record AccessAnswer(Access access, boolean allowed) {
    }

    /** One rule of a rules review. */
    public record Rule(List<String> verbs, List<String> groups, List<String> resources) {
        public Rule {
            verbs = verbs == null ? List.of() : List.copyOf(verbs);
            groups = groups == null ? List.of() : List.copyOf(groups);
            resources = resources == null ? List.of() : List.copyOf(resources);
        }
    }

    /**
     * The verdict: {@code permissions} is {@code read-only} or {@code full-permission}; {@code missingReads} are
     * the probes reporting needs that were denied (the inventory will be partial); {@code writes} are rules that
     * allow more than reading (besides the self-reviews), which a read-only import should not have.
     */
    public record Verdict(String permissions, List<String> missingReads, List<String> writes) {
        public boolean full() {
            return Modes.FULL_PERMISSION.equals(permissions);
        }
    }

    public Verdict evaluate(List<AccessAnswer> answers, List<Rule> rules) {
        boolean everything = answers.stream().anyMatch(a -> isEverything(a.access()) && a.allowed())
                || rules.stream().anyMatch(PermissionEvaluator::grantsEverything);
        List<String> missing = new ArrayList<>();
        for (AccessAnswer answer : answers) {
            if (!isEverything(answer.access()) && !answer.allowed()) {
                missing.add(answer.access().toString());
            }
        }
        List<String> writes = new ArrayList<>();
        for (Rule rule : rules) {
            if (isSelfReview(rule)) {
                continue;
            }
            List<String> extra = rule.verbs().stream().filter(v -> !READ_VERBS.contains(v)).toList();
            if (!extra.isEmpty()) {
                writes.add(String.join(",", extra) + " on " + String.join(",", rule.resources()) + " in " + groups(rule.groups()));
            }
        }
        return new Verdict(everything ? Modes.FULL_PERMISSION : Modes.READ_ONLY, everything ? List.of() : missing, writes);
    }

    private static boolean isEverything(Access access) {
        return "*".equals(access.verb()) && "*".equals(access.group()) && "*".equals(access.resource());
    }

    private static boolean grantsEverything(Rule rule) {
        return rule.verbs().contains("*") && rule.groups().contains("*") && rule.resources().contains("*");
    }

    private static boolean isSelfReview(Rule rule) {
        return !rule.resources().isEmpty() && SELF_REVIEWS.containsAll(rule.resources()) && SELF_REVIEW_GROUPS.containsAll(rule.groups())
                && rule.verbs().stream().allMatch("create"::equals);
    }

    private static String groups(List<String> groups) {
        return String.join(",", groups.stream().map(g -> g.isEmpty() ? "core" : g).toList());
    }
}
