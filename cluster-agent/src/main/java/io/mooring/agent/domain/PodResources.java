package io.mooring.agent.domain;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.mooring.events.inventory.Resources;
import java.util.List;
import java.util.Map;

/**
 * What a pod requests, the way the scheduler counts it: the sum of its containers and sidecars (init containers
 * with {@code restartPolicy: Always}), or the largest init container if that is more, plus the runtime class
 * overhead; pod-level resources win when they are set. {@code pods} is always 1.
 */
public final class PodResources {

    private PodResources() {
    }

    public static Resources requests(Pod pod) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            return new Resources(0, 0, 0, 1);
        }
        if (spec.getResources() != null && spec.getResources().getRequests() != null && !spec.getResources().getRequests().isEmpty()) {
            Map<String, Quantity> podLevel = spec.getResources().getRequests();
            return new Resources(Quantities.cpuMillis(podLevel.get("cpu")), Quantities.units(podLevel.get("memory")),
                    Quantities.gpus(podLevel), 1);
        }
        long cpu = 0;
        long memory = 0;
        long gpus = 0;
        long sidecarCpu = 0;
        long sidecarMemory = 0;
        long sidecarGpus = 0;
        long initCpu = 0;
        long initMemory = 0;
        long initGpus = 0;
        for (Container init : list(spec.getInitContainers())) {
            Map<String, Quantity> requests = requests(init);
            long c = Quantities.cpuMillis(requests.get("cpu"));
            long m = Quantities.units(requests.get("memory"));
            long g = Quantities.gpus(requests);
            if ("Always".equals(init.getRestartPolicy())) {
                sidecarCpu += c;
                sidecarMemory += m;
                sidecarGpus += g;
            } else {
                // A regular init container runs beside the sidecars started before it.
                initCpu = Math.max(initCpu, c + sidecarCpu);
                initMemory = Math.max(initMemory, m + sidecarMemory);
                initGpus = Math.max(initGpus, g + sidecarGpus);
            }
        }
        for (Container container : list(spec.getContainers())) {
            Map<String, Quantity> requests = requests(container);
            cpu += Quantities.cpuMillis(requests.get("cpu"));
            memory += Quantities.units(requests.get("memory"));
            gpus += Quantities.gpus(requests);
        }
        cpu = Math.max(cpu + sidecarCpu, initCpu);
        memory = Math.max(memory + sidecarMemory, initMemory);
        gpus = Math.max(gpus + sidecarGpus, initGpus);
        Map<String, Quantity> overhead = spec.getOverhead();
        if (overhead != null) {
            cpu += Quantities.cpuMillis(overhead.get("cpu"));
            memory += Quantities.units(overhead.get("memory"));
        }
        return new Resources(cpu, memory, gpus, 1);
    }

    private static Map<String, Quantity> requests(Container container) {
        ResourceRequirements resources = container.getResources();
        if (resources == null || resources.getRequests() == null) {
            return Map.of();
        }
        return resources.getRequests();
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
