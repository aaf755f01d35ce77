package io.mooring.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The one layer rule every service follows (docs/architecture.md, "Inside a service"): a resource handles HTTP, the
 * caller and mapping; a service owns the transaction, the rules and the caller's scope; the domain is pure; a
 * repository only reads and writes. Each service's {@code LayerRuleTest} runs it on its own production classes.
 */
public final class LayerRules {

    private LayerRules() {
    }

    /** Fails with every violation found under {@code basePackage} (for instance {@code io.mooring.health}). */
    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        List<String> violations = new ArrayList<>();
        for (ArchRule rule : rules(basePackage)) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                violations.add(result.getFailureReport().toString());
            }
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("The layer rule is broken in " + basePackage + ":\n"
                    + String.join("\n", violations));
        }
    }

    static List<ArchRule> rules(String base) {
        String api = base + ".api..";
        String messaging = base + ".messaging..";
        String service = base + ".service..";
        String repository = base + ".repository..";
        String domain = base + ".domain..";
        String config = base + ".config..";
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                // Not every service has every layer (the registry consumes no topic, so it has no messaging).
                .withOptionalLayers(true)
                .layer("api").definedBy(api)
                .layer("messaging").definedBy(messaging)
                .layer("service").definedBy(service)
                .layer("repository").definedBy(repository)
                .layer("domain").definedBy(domain)
                .layer("config").definedBy(config)
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                // Outgoing messaging is called by services; incoming consumers are called by the connector only.
                .whereLayer("messaging").mayOnlyBeAccessedByLayers("service")
                .whereLayer("service").mayOnlyBeAccessedByLayers("api", "messaging")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .because("a resource goes through a service, and a service never returns the API's types");
        ArchRule pureDomain = noClasses().that().resideInAPackage(domain)
                .should().dependOnClassesThat().resideInAnyPackage(api, messaging, service, repository, config)
                .because("the domain holds the rules and knows no layer around it");
        ArchRule plainConfig = noClasses().that().resideInAPackage(config)
                .should().dependOnClassesThat().resideInAnyPackage(api, messaging, service, repository)
                .because("configuration describes settings and domain beans, not the flow through the layers");
        return List.of(layers, pureDomain, plainConfig);
    }
}
