package io.mooring.registry.service;

import io.mooring.events.Modes;
import io.mooring.events.agent.AgentFacts;
import io.mooring.events.KubernetesNames;
import io.mooring.support.api.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks what agents send. The agent payload records live in the shared event contract without Bean
 * Validation, so the registry checks them here, field by field, before anything is stored. Providers and
 * platforms are accepted as any DNS-1123 label, so that a newer agent that detects a new provider is not
 * locked out; they are compared with the chosen cloud type, never trusted as one.
 */
public final class AgentInput {

    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");
    /** A Kubernetes UID is a UUID in practice; the rule is looser so that an unusual API server is not locked out. */
    private static final Pattern UID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,127}");

    private AgentInput() {
    }

    public static List<Problem.FieldError> facts(AgentFacts facts, String prefix) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (facts == null) {
            return errors;
        }
        version(errors, prefix + "agentVersion", facts.agentVersion());
        version(errors, prefix + "kubernetesVersion", facts.kubernetesVersion());
        if (facts.detectedProvider() != null && !KubernetesNames.isDnsLabel(facts.detectedProvider())) {
            errors.add(new Problem.FieldError(prefix + "detectedProvider", KubernetesNames.DNS_LABEL_RULE));
        }
        if (facts.detectedPlatform() != null && !KubernetesNames.isDnsLabel(facts.detectedPlatform())) {
            errors.add(new Problem.FieldError(prefix + "detectedPlatform", KubernetesNames.DNS_LABEL_RULE));
        }
        if (facts.permissions() != null && !Modes.READ_ONLY.equals(facts.permissions())
                && !Modes.FULL_PERMISSION.equals(facts.permissions())) {
            errors.add(new Problem.FieldError(prefix + "permissions",
                    "must be one of [" + Modes.READ_ONLY + ", " + Modes.FULL_PERMISSION + "]"));
        }
        return errors;
    }

    public static List<Problem.FieldError> clusterUid(String uid, String field) {
        if (uid != null && !UID.matcher(uid).matches()) {
            return List.of(new Problem.FieldError(field,
                    "must be the UID of the kube-system namespace: at most 128 letters, digits, '.', '_' or '-'"));
        }
        return List.of();
    }

    private static void version(List<Problem.FieldError> errors, String field, String value) {
        if (value != null && !VERSION.matcher(value).matches()) {
            errors.add(new Problem.FieldError(field,
                    "must be a version: at most 64 letters, digits, '.', '+', '_' or '-'"));
        }
    }
}
