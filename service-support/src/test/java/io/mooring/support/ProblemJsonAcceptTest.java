package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.support.testapp.ImportedCounter;
import io.mooring.testsupport.DeadLetterRows;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A client that accepts application/problem+json, alone or with others, is served by an operation that answers
 * 204 (issue #14): the shared dead-letter discard is one, in every service.
 */
@QuarkusTest
class ProblemJsonAcceptTest {

    private static final String BASE = "/api/v1/admin/support-test/dead-letters/";

    @Test
    void aNoContentOperationAnswers204ToAClientThatAcceptsOnlyProblems() {
        long id = DeadLetterRows.park(ImportedCounter.NAME);
        given().auth().oauth2(Tokens.shared().admin()).accept("application/problem+json").delete(BASE + id)
                .then().statusCode(204);
    }

    @Test
    void itsErrorIsAProblemToThatClient() {
        long id = DeadLetterRows.park(ImportedCounter.NAME);
        given().auth().oauth2(Tokens.shared().admin()).delete(BASE + id).then().statusCode(204);
        given().auth().oauth2(Tokens.shared().admin()).accept("application/problem+json").delete(BASE + id)
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(Tokens.shared().viewer("p")).accept("application/problem+json").delete(BASE + id)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void problemsAmongOtherTypesAreServedToo() {
        long id = DeadLetterRows.park(ImportedCounter.NAME);
        given().auth().oauth2(Tokens.shared().admin()).accept("text/csv, application/problem+json;q=0.5")
                .delete(BASE + id).then().statusCode(204);
    }

    @Test
    void aJsonOperationAnswersJsonToAClientThatAcceptsProblems() {
        given().auth().oauth2(Tokens.shared().admin()).accept("application/problem+json").get(BASE.substring(0,
                BASE.length() - 1)).then().statusCode(200).contentType("application/json");
    }

    @Test
    void anUnacceptableTypeIsStillRefused() {
        given().auth().oauth2(Tokens.shared().admin()).accept("application/xml").delete(BASE + 1)
                .then().statusCode(406).contentType("application/problem+json");
    }
}
