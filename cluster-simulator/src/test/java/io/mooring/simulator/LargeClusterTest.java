package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The benchmark size of the issue: 1,000 nodes and 30,000 pods must seed and serve in reasonable time and memory. */
class LargeClusterTest {

    /** The measured figures go to the test log, for whoever compares runs; the assertions are the bounds. */
    private static final System.Logger LOG = System.getLogger(LargeClusterTest.class.getName());

    @Test
    void aThousandNodeThirtyThousandPodClusterSeedsAndPages() {
        Runtime runtime = Runtime.getRuntime();
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.EKS).nodes(1_000).podsPerNode(30).start()) {
            System.gc();
            long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
            LOG.log(Level.INFO, String.format("1,000 nodes / %,d pods / %,d objects seeded and served in %d ms,"
                    + " heap after GC %d MB", cluster.podCount(), cluster.objectCount(), cluster.seedTime().toMillis(), heapMb));

            assertThat(cluster.nodeCount()).isEqualTo(1_000);
            assertThat(cluster.podCount()).isEqualTo(30_000);
            // About 5 s on an idle 2-core machine; the bound only catches a seeding that turned quadratic.
            assertThat(cluster.seedTime()).isLessThan(Duration.ofSeconds(120));

            long started = System.nanoTime();
            int pods = 0;
            int pages = 0;
            String next = null;
            do {
                PodList page = cluster.agentClient().pods().inAnyNamespace().list(new ListOptionsBuilder().withLimit(500L).withContinue(next).build());
                pods += page.getItems().size();
                pages++;
                next = page.getMetadata().getContinue();
            } while (next != null);
            LOG.log(Level.INFO, String.format("listed %,d pods in %d pages of 500 in %d ms", pods, pages,
                    (System.nanoTime() - started) / 1_000_000));

            assertThat(pods).isEqualTo(30_000);
            assertThat(cluster.agentClient().nodes().list().getItems()).hasSize(1_000);
            assertThat(cluster.writeRequests()).isEmpty();
        }
    }
}
