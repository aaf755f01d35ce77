package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import java.util.Map;

/** A container of a generated workload: its image and the requests a scheduler places it by. */
record ContainerSpec(String name, String image, String imageId, int cpuMillis, int memoryMi, int memoryLimitMi) {

    ResourceRequirements requirements() {
        var resources = new ResourceRequirementsBuilder();
        if (cpuMillis > 0) {
            resources.addToRequests("cpu", new Quantity(cpuMillis + "m"));
        }
        if (memoryMi > 0) {
            resources.addToRequests("memory", new Quantity(memoryMi + "Mi"));
        }
        if (memoryLimitMi > 0) {
            resources.addToLimits("memory", new Quantity(memoryLimitMi + "Mi"));
        }
        return resources.build();
    }

    static PodTemplateSpec template(Map<String, String> labels, List<ContainerSpec> containers, String restartPolicy) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withContainers(containers.stream().map(c -> new ContainerBuilder().withName(c.name()).withImage(c.image())
                        .withResources(c.requirements()).build()).toList())
                .withRestartPolicy(restartPolicy)
                .endSpec()
                .build();
    }
}
