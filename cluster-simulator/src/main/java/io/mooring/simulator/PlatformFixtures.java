package io.mooring.simulator;

import static io.mooring.simulator.KubeObjects.ts;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.mooring.simulator.FixtureGenerator.Sink;
import io.mooring.simulator.ProviderProfile.ApiGroup;
import io.mooring.simulator.ProviderProfile.ApiResourceSpec;
import io.mooring.simulator.ProviderProfile.CustomObject;
import io.mooring.simulator.ProviderProfile.StorageClassSpec;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The cluster-wide objects of the platform: storage classes, CRDs of its API groups and its custom objects. */
final class PlatformFixtures {

    private final FixtureState s;

    PlatformFixtures(FixtureState state) {
        this.s = state;
    }

    void storage(Sink sink) {
        for (StorageClassSpec spec : s.profile.storageClasses()) {
            Map<String, String> annotations = spec.isDefault()
                    ? ProviderProfiles.labels("storageclass.kubernetes.io/is-default-class", "true")
                    : Map.of();
            sink.add(new StorageClassBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName(spec.name()).withUid(s.uuid()).withCreationTimestamp(ts(s.oldest()))
                            .withAnnotations(annotations).build())
                    .withProvisioner(spec.provisioner())
                    .withParameters(spec.parameters())
                    .withReclaimPolicy("Delete")
                    .withVolumeBindingMode(spec.bindingMode())
                    .withAllowVolumeExpansion(spec.csi())
                    .build(), "storageclasses");
        }
    }

    void apis(Sink sink) {
        Set<String> crds = new HashSet<>();
        for (ApiGroup group : s.profile.apiGroups()) {
            if (!group.crd()) {
                continue;
            }
            for (ApiResourceSpec resource : group.resources()) {
                String name = resource.plural() + "." + group.group();
                if (!crds.add(name)) {
                    continue;
                }
                sink.add(new CustomResourceDefinitionBuilder()
                        .withMetadata(new ObjectMetaBuilder().withName(name).withUid(s.uuid()).withCreationTimestamp(ts(s.oldest())).build())
                        .withNewSpec()
                        .withGroup(group.group())
                        .withScope(resource.namespaced() ? "Namespaced" : "Cluster")
                        .withNewNames()
                        .withPlural(resource.plural())
                        .withSingular(resource.kind().toLowerCase(Locale.ROOT))
                        .withKind(resource.kind())
                        .withListKind(resource.kind() + "List")
                        .endNames()
                        .addNewVersion()
                        .withName(group.version()).withServed(true).withStorage(true)
                        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema().endSchema()
                        .endVersion()
                        .endSpec()
                        .build(), "customresourcedefinitions");
            }
        }
        for (CustomObject object : s.profile.customObjects()) {
            if (object.namespace() != null) {
                s.namespaces.add(object.namespace());
            }
            GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                    .withApiVersion(object.apiVersion())
                    .withKind(object.kind())
                    .withMetadata(new ObjectMetaBuilder().withName(object.name()).withNamespace(object.namespace())
                            .withUid(s.uuid()).withCreationTimestamp(ts(s.oldest())).withGeneration(1L).build())
                    .build();
            resource.setAdditionalProperty("spec", object.spec());
            resource.setAdditionalProperty("status", object.status());
            sink.add(resource, object.plural());
        }
    }
}
