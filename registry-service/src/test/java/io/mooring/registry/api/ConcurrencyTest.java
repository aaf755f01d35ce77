package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.clusterBody;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.facts;
import static io.mooring.registry.RegistryApi.register;
import static io.mooring.registry.RegistryApi.tokenOf;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.registry.RegistryApi;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Races are settled by the database: one winner, the others a clean 4xx, never a 500. */
@QuarkusTest
class ConcurrencyTest {

    private static final int RACERS = 6;

    @Test
    void anImportTokenIsSpentByOneRegistrationEvenWhenAgentsRace() throws Exception {
        String token = tokenOf(create(RegistryApi.newProject("race"), "raced", "generic", "read-only")
                .getString("importCommand.manifestUrl"));
        List<Integer> statuses = race(() -> register(token, facts("read-only", "generic")).extract().statusCode());
        assertThat(statuses).containsOnlyOnce(200);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 410 || s == 409);
    }

    @Test
    void twoCreatesOfTheSameNameAtOnceMakeOneCluster() throws Exception {
        String project = RegistryApi.newProject("race-name");
        String operator = tokens().operator(project);
        List<Integer> statuses = race(() -> given().auth().oauth2(operator).contentType("application/json")
                .body(clusterBody("same", project, "generic", "read-only")).post(CLUSTERS)
                .then().extract().statusCode());
        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(409);
        given().auth().oauth2(operator).queryParam("project", project).get(CLUSTERS)
                .then().statusCode(200).body("items.size()", equalTo(1));
    }

    private static List<Integer> race(Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
