package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.agent.domain.PermissionEvaluator.Access;
import io.mooring.agent.domain.PermissionEvaluator.AccessAnswer;
import io.mooring.agent.domain.PermissionEvaluator.Rule;
import io.mooring.agent.domain.PermissionEvaluator.Verdict;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class PermissionEvaluatorTest {

    private static final Rule BASIC_USER = new Rule(List.of("create"), List.of("authorization.k8s.io"),
            List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"));
    private static final Rule READ_ALL = new Rule(List.of("get", "list", "watch"), List.of(""),
            List.of("nodes", "namespaces", "pods", "events", "persistentvolumeclaims"));
    private static final Rule READ_APPS = new Rule(List.of("get", "list", "watch"), List.of("apps"), List.of("deployments"));
    private static final Rule CLUSTER_ADMIN = new Rule(List.of("*"), List.of("*"), List.of("*"));

    private final PermissionEvaluator evaluator = new PermissionEvaluator();

    @Test
    void theReadOnlyImportIsReadOnlyDespiteTheSelfReviewsEveryUserMayCreate() {
        Verdict verdict = evaluator.evaluate(answers(a -> !isEverything(a)), List.of(BASIC_USER, READ_ALL, READ_APPS));

        assertThat(verdict.permissions()).isEqualTo("read-only");
        assertThat(verdict.full()).isFalse();
        assertThat(verdict.missingReads()).isEmpty();
        assertThat(verdict.writes()).as("the self reviews are no write").isEmpty();
    }

    @Test
    void clusterAdminIsFullPermission() {
        Verdict verdict = evaluator.evaluate(answers(a -> true), List.of(BASIC_USER, CLUSTER_ADMIN));

        assertThat(verdict.permissions()).isEqualTo("full-permission");
        assertThat(verdict.full()).isTrue();
    }

    @Test
    void eitherReviewSufficesForFullPermission() {
        assertThat(evaluator.evaluate(answers(a -> true), List.of()).full()).isTrue();
        assertThat(evaluator.evaluate(answers(a -> !isEverything(a)), List.of(CLUSTER_ADMIN)).full()).isTrue();
    }

    @Test
    void someWritesAreStillReadOnlyAndAreNamed() {
        Rule editConfigMaps = new Rule(List.of("get", "create", "update"), List.of(""), List.of("configmaps"));
        Verdict verdict = evaluator.evaluate(answers(a -> !isEverything(a)), List.of(BASIC_USER, READ_ALL, editConfigMaps));

        assertThat(verdict.permissions()).isEqualTo("read-only");
        assertThat(verdict.writes()).containsExactly("create,update on configmaps in core");
    }

    @Test
    void missingReadsAreListed() {
        Verdict verdict = evaluator.evaluate(answers(a -> !isEverything(a) && !a.resource().equals("events")), List.of(BASIC_USER));

        assertThat(verdict.permissions()).isEqualTo("read-only");
        assertThat(verdict.missingReads()).containsExactly("list events", "watch events");
    }

    private static boolean isEverything(Access access) {
        return access.verb().equals("*");
    }

    private static List<AccessAnswer> answers(Predicate<Access> allowed) {
        return PermissionEvaluator.PROBES.stream().map(a -> new AccessAnswer(a, allowed.test(a))).toList();
    }
}
