package io.mooring.cost;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.mooring.testsupport.Tokens;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** What the cost tests share: tokens, waiting for events to be handled, reading reports with exact numbers. */
public abstract class CostTestSupport {

    protected static final Tokens TOKENS = Tokens.shared();
    /** JSON numbers as BigDecimal, so that amounts compare exactly. */
    protected static final RestAssuredConfig EXACT = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    @Inject
    protected Pool pool;

    protected static String project() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static RequestSpecification as(String token) {
        return given().config(EXACT).auth().oauth2(token);
    }

    /** Waits until the cost-service consumers have handled (committed) every event listed. */
    protected void awaitHandled(UUID... eventIds) {
        awaitHandled(List.of(eventIds));
    }

    protected void awaitHandled(Collection<UUID> eventIds) {
        UUID[] ids = eventIds.toArray(UUID[]::new);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> count(
                "select count(distinct event_id) from mooring_processed_event where event_id = any($1)",
                (Object) ids) == ids.length);
    }

    protected long count(String sql, Object... parameters) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10));
        Row row = rows.iterator().next();
        return row.getLong(0);
    }

    /** Report rows keyed by name (the report must have no step). */
    @SuppressWarnings("unchecked")
    protected static Map<String, Map<String, Object>> byName(Response report) {
        List<Map<String, Object>> rows = report.jsonPath().getList("rows");
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            byName.put((String) row.get("name"), row);
        }
        return byName;
    }

    protected static BigDecimal dec(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(String.valueOf(value));
    }
}
