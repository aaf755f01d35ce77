package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A route configuration marks deprecated says so on every answer; the others say nothing. */
@QuarkusTest
class RouteDeprecationsTest {

    @Test
    void aDeprecatedRouteAnswersDeprecationSunsetAndTheNotice() {
        given().get("/api/v1/widgets/colours").then().statusCode(200)
                .header("Deprecation", equalTo("@" + Instant.parse("2026-12-01T00:00:00Z").getEpochSecond()))
                .header("Sunset", equalTo("Tue, 01 Jun 2027 00:00:00 GMT"))
                .header("Link", equalTo("<https://mooring.io/changes/widget-colours>; rel=\"deprecation\""));
    }

    @Test
    void anErrorOfADeprecatedRouteIsAnnouncedToo() {
        given().accept("application/xml").get("/api/v1/widgets/colours").then().statusCode(406)
                .header("Deprecation", equalTo("@" + Instant.parse("2026-12-01T00:00:00Z").getEpochSecond()));
    }

    @Test
    void otherRoutesAndOtherMethodsCarryNoDeprecation() {
        given().auth().oauth2(Tokens.shared().viewer("p")).get("/api/v1/widgets").then().statusCode(200)
                .header("Deprecation", nullValue()).header("Sunset", nullValue());
        given().post("/api/v1/widgets/colours").then().statusCode(405).header("Deprecation", nullValue());
    }
}
