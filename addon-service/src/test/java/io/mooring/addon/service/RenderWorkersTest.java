package io.mooring.addon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The render queue is bounded, and a Helm call that does not return in time frees its caller. */
class RenderWorkersTest {

    @Test
    void whenTheQueueIsFullFurtherWorkIsRefusedAsBusy() throws Exception {
        RenderWorkers workers = new RenderWorkers(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CompletableFuture<String> running = workers.run(() -> await(release)).subscribeAsCompletionStage();
            CompletableFuture<String> queued = workers.run(() -> await(release)).subscribeAsCompletionStage();
            CompletableFuture<String> refused = workers.run(() -> "never").subscribeAsCompletionStage();

            assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RenderBusyException.class);
            release.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("done");
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        } finally {
            release.countDown();
            workers.stop();
        }
    }

    @Test
    void aHelmCallPastItsDeadlineFailsAsATimeoutAndFreesTheCaller() {
        HelmCalls calls = new HelmCalls(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> calls.call(() -> awaitUninterruptibly(release), Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(ChartException.class, e -> assertThat(e.isTimeout()).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // The overdue call still holds the only Helm thread (native code cannot be interrupted): busy.
            assertThatThrownBy(() -> calls.call(() -> "x", Duration.ofSeconds(1)))
                    .isInstanceOf(RenderBusyException.class);
        } finally {
            release.countDown();
            calls.stop();
        }
    }

    private static String await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "done";
    }

    /** Like Helm's native code: interrupting the thread does not end the call. */
    private static String awaitUninterruptibly(CountDownLatch latch) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (latch.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // ignored on purpose
            }
        }
        return "done";
    }
}
