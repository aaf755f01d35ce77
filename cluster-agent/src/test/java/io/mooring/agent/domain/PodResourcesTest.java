package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mooring.events.inventory.Resources;
import org.junit.jupiter.api.Test;

class PodResourcesTest {

    @Test
    void sumsContainersAndTakesTheLargestInitContainerWhenLarger() {
        var pod = new PodBuilder().withNewSpec()
                .addToInitContainers(container("migrate", "2", "256Mi", null))
                .addToContainers(container("app", "250m", "512Mi", null), container("proxy", "100m", "64Mi", null))
                .endSpec().build();

        Resources requests = PodResources.requests(pod);

        assertThat(requests.cpuMillis()).isEqualTo(2000);
        assertThat(requests.memoryBytes()).isEqualTo(576L << 20);
        assertThat(requests.pods()).isEqualTo(1);
    }

    @Test
    void sidecarsAddToTheContainersAndOverheadToAll() {
        var pod = new PodBuilder().withNewSpec()
                .addToInitContainers(container("mesh", "100m", "64Mi", "Always"))
                .addToContainers(container("app", "1", "1Gi", null))
                .addToOverhead("cpu", new Quantity("50m")).addToOverhead("memory", new Quantity("32Mi"))
                .endSpec().build();

        Resources requests = PodResources.requests(pod);

        assertThat(requests.cpuMillis()).isEqualTo(1150);
        assertThat(requests.memoryBytes()).isEqualTo((1024L + 64 + 32) << 20);
    }

    @Test
    void countsGpusOfAnyVendor() {
        Container gpu = new ContainerBuilder().withName("train").withNewResources().addToRequests("nvidia.com/gpu", new Quantity("2"))
                .addToRequests("cpu", new Quantity("0.5")).endResources().build();
        var pod = new PodBuilder().withNewSpec().addToContainers(gpu).endSpec().build();

        Resources requests = PodResources.requests(pod);

        assertThat(requests.gpus()).isEqualTo(2);
        assertThat(requests.cpuMillis()).isEqualTo(500);
    }

    @Test
    void quantitiesReadLikeTheScheduler() {
        assertThat(Quantities.cpuMillis(new Quantity("100u"))).isEqualTo(1);
        assertThat(Quantities.cpuMillis(new Quantity("1.5"))).isEqualTo(1500);
        assertThat(Quantities.units(new Quantity("1G"))).isEqualTo(1_000_000_000L);
        assertThat(Quantities.units(new Quantity("1Gi"))).isEqualTo(1L << 30);
        assertThat(Quantities.units(null)).isZero();
    }

    private static Container container(String name, String cpu, String memory, String restartPolicy) {
        return new ContainerBuilder().withName(name).withRestartPolicy(restartPolicy).withNewResources()
                .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory)).endResources().build();
    }
}
