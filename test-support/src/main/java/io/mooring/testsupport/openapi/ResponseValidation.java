package io.mooring.testsupport.openapi;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A REST Assured filter that holds every answer a {@code @QuarkusTest} receives to the service's own OpenAPI document
 * (its live {@code /q/openapi}, fetched once per running application): the status must be documented for the
 * operation, the content type documented for that status, a JSON body valid against the documented schema. A
 * violation fails the test that received the answer. Requests to paths the document does not name ({@code /q/health},
 * an undocumented method) are not checked.
 *
 * <p>A service switches it on with {@value #SWITCH}{@code =true} in its test configuration
 * ({@code src/test/resources/application.properties}); {@link ResponseValidationCallback} installs it before each
 * test. A test class or method annotated {@link NotValidated} is left alone.
 */
public final class ResponseValidation implements Filter {

    /** The configuration key (or system property) that switches the check on for a service's tests. */
    public static final String SWITCH = "mooring.test.validate-responses";

    private static final Logger LOG = Logger.getLogger(ResponseValidation.class);
    private static final Map<String, Optional<ResponseContract>> DOCUMENTS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Leaves the answers of a test class or method unchecked: for tests of what the document cannot say. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface NotValidated {
    }

    /** Puts the filter among REST Assured's default filters, once. */
    public static void install() {
        if (RestAssured.filters().stream().noneMatch(ResponseValidation.class::isInstance)) {
            RestAssured.filters(new ResponseValidation());
        }
    }

    /** Takes it out again. */
    public static void uninstall() {
        List<Filter> others = RestAssured.filters().stream().filter(f -> !(f instanceof ResponseValidation)).toList();
        RestAssured.replaceFiltersWith(others);
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        String path = uri.getPath();
        if (path == null || path.startsWith("/q/")) {
            return response;
        }
        Optional<ResponseContract> contract = DOCUMENTS.computeIfAbsent(uri.getScheme() + "://" + uri.getAuthority(),
                ResponseValidation::fetch);
        if (contract.isEmpty()) {
            return response;
        }
        contract.get().operation(request.getMethod(), path).ifPresent(operation -> {
            // An answer to HEAD carries the headers of the GET answer but never its body.
            List<String> violations = "HEAD".equalsIgnoreCase(request.getMethod())
                    ? contract.get().checkStatus(operation, response.statusCode())
                    : contract.get().check(operation, response.statusCode(), response.contentType(),
                            response.asByteArray());
            if (!violations.isEmpty()) {
                throw new AssertionError("The answer of " + operation.name() + " is not what the service's OpenAPI "
                        + "document says: " + String.join("; ", violations) + "\nBody: " + abbreviate(response.asString()));
            }
        });
        return response;
    }

    /** The document of the application at {@code origin}; empty (nothing checked) when it serves none. */
    private static Optional<ResponseContract> fetch(String origin) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin + "/q/openapi?format=json"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                LOG.warnf("%s serves no OpenAPI document (%d): its answers are not checked", origin, answer.statusCode());
                return Optional.empty();
            }
            return Optional.of(ResponseContract.parse(answer.body()));
        } catch (IOException e) {
            LOG.warnf("%s serves no OpenAPI document (%s): its answers are not checked", origin, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "...";
    }
}
