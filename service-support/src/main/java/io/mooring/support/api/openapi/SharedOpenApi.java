package io.mooring.support.api.openapi;

import io.mooring.support.api.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.info.Contact;
import org.eclipse.microprofile.openapi.models.info.Info;
import org.eclipse.microprofile.openapi.models.info.License;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * What every service's OpenAPI document shares, added to each one (registered as {@code mp.openapi.filter} in
 * service-support's {@code META-INF/microprofile-config.properties}): the {@code Problem} schema and a reusable
 * response per common error, the error answers shared code gives on every {@code /api/} operation (the token
 * check, the role check, the database being away, the HTTP edge's limits) where the operation does not document
 * them itself, {@code security: []} on the operations anyone may call, the licence, contact and gateway-relative server, tag descriptions from configuration, and the
 * per-service paths and operation ids of the dead-letter admin API, which one class serves in every service.
 */
public class SharedOpenApi implements OASFilter {

    public static final String PROBLEM = "Problem";
    public static final String FIELD_ERROR = "FieldError";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    static final String RETRY_AFTER = "Retry-After";
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String DEAD_LETTERS = "/api/v1/admin/{service}/dead-letters";

    /** A common error: its status, the name of its reusable response, and an example problem. */
    record CommonError(int status, String name, String description, String slug, String title, String detail,
            boolean retryAfter) {

        String ref() {
            return "#/components/responses/" + name;
        }
    }

    static final List<CommonError> ERRORS = List.of(
            new CommonError(400, "BadRequest", "Bad input: `errors` names each invalid field, parameter or header.",
                    "invalid-request", "Invalid request", "The request is not valid.", false),
            new CommonError(401, "Unauthorized", "No bearer token, or one that does not verify.",
                    "unauthorized", "Unauthorized", "A valid bearer token is required.", false),
            new CommonError(403, "Forbidden", "The caller's role (or project, or cluster) does not allow this.",
                    "forbidden", "Forbidden", "Your role does not allow this operation.", false),
            new CommonError(404, "NotFound", "Nothing there, or something the caller may not see.",
                    "not-found", "Not found", "No cluster 6f1c0b8e-6a43-4f7e-9d0c-3c1f2a7b9e10.", false),
            new CommonError(409, "Conflict", "The request conflicts with the current state.",
                    "conflict", "Conflict", "A cluster named prod-eu-1 exists in this project.", false),
            new CommonError(410, "Gone", "The token or handle was spent, replaced or has expired.",
                    "gone", "Gone", "This import token was already used.", false),
            new CommonError(413, "PayloadTooLarge", "The body is over the route's limit (counted after any "
                    + "Content-Encoding is undone).", "body-too-large", "Body too large",
                    "The request body is larger than the limit of 1048576 bytes for this route.", false),
            new CommonError(414, "UriTooLong", "The request target is over the service's limit.",
                    "uri-too-long", "URI too long", "The request target is longer than 4096 characters.", false),
            new CommonError(415, "UnsupportedMediaType", "The body's media type is not accepted here.",
                    "unsupported-media-type", "Unsupported Media Type",
                    "This media type is not accepted here; send application/json.", false),
            new CommonError(422, "UnprocessableContent", "The request is well-formed but cannot be carried out.",
                    "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used for a different request.", false),
            new CommonError(429, "TooManyRequests", "The service is busy; retry after the time given.",
                    "too-many-requests", "Too many requests", "The event queue is full; retry shortly.", true),
            new CommonError(431, "RequestHeaderFieldsTooLarge", "The request headers are over the service's limit.",
                    "headers-too-large", "Request header fields too large",
                    "The request headers are larger than 20480 bytes.", false),
            new CommonError(503, "ServiceUnavailable", "The service cannot reach its database (or another "
                    + "dependency), or holds as many request bodies as it may, just now; retry after the time given.",
                    "service-unavailable",
                    "Service unavailable", "The service cannot reach its database just now; retry in a few seconds.",
                    true));

    private static final Set<String> QUARKUS_DEFAULTS = Set.of("Bad Request", "Not Authorized", "Not Allowed");
    private static final String AUTO_SERVER = "Auto generated value";

    private final Config config;

    public SharedOpenApi() {
        this(ConfigProvider.getConfig());
    }

    SharedOpenApi(Config config) {
        this.config = config;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() != null ? openAPI.getComponents() : OASFactory.createComponents();
        openAPI.setComponents(components);
        addComponents(components);
        addInfo(openAPI);
        // Quarkus adds the local host and port in dev and test mode; behind the gateway they mean nothing.
        if (openAPI.getServers() != null) {
            openAPI.setServers(new ArrayList<>(openAPI.getServers().stream()
                    .filter(server -> !AUTO_SERVER.equals(server.getDescription())).toList()));
        }
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer().url(value("mooring.openapi.server-url", "/"))
                    .description(value("mooring.openapi.server-description",
                            "The API gateway, which serves every service's /api/v1 under one root")));
        }
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        renameDeadLetterPaths(paths);
        markDeprecatedRoutes(paths);
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        paths.getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().values().forEach(operation -> addSharedErrors(item, operation, securedByDefault));
            }
        });
        describeTags(openAPI);
    }

    /**
     * A decimal step such as {@code multipleOf: 1e-9} (what {@code @Digits(fraction = 9)} becomes) cannot be checked
     * in binary floating point: validators, API gateways among them, refuse exact values such as 0.031611. The
     * document states the rule in words instead; the service still enforces it.
     */
    @Override
    public Schema filterSchema(Schema schema) {
        BigDecimal step = schema.getMultipleOf();
        if (step != null && step.signum() > 0 && step.compareTo(BigDecimal.ONE) < 0) {
            String rule = "At most " + step.stripTrailingZeros().scale() + " decimal places.";
            schema.setMultipleOf(null);
            schema.setDescription(schema.getDescription() == null ? rule : schema.getDescription() + " " + rule);
        }
        return schema;
    }

    private void addComponents(Components components) {
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One invalid input.")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The JSON path in the request body (`labels.team`, `layers[2].namespace`), or the "
                                + "query parameter or header name; `body` for the body as a whole, `path` for the path."))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What is wrong with it."))
                .required(List.of("field", "message"));
        Schema problem = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail, the body of every error answer (application/problem+json).")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .description("Identifies the kind of problem: " + Problem.TYPE_BASE + "<slug>."))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("A short summary of the kind of problem, the same for every occurrence."))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599))
                        .description("The HTTP status of the answer."))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What went wrong in this occurrence, for a person to read."))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref(FIELD_ERROR))
                        .description("The invalid inputs of a 400, one entry each; absent otherwise."))
                .required(List.of("type", "title", "status"));
        components.addSchema(FIELD_ERROR, fieldError);
        components.addSchema(PROBLEM, problem);
        components.addHeader(RETRY_AFTER, OASFactory.createHeader()
                .description("Seconds to wait before trying again.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)));
        components.addHeader(WWW_AUTHENTICATE, OASFactory.createHeader()
                .description("The authentication scheme to use: `Bearer`.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        for (CommonError error : ERRORS) {
            if (components.getResponses() == null || !components.getResponses().containsKey(error.name())) {
                components.addResponse(error.name(), response(error));
            }
        }
    }

    private static APIResponse response(CommonError error) {
        Example example = OASFactory.createExample().summary(error.title()).value(exampleProblem(error));
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))
                .addExample(error.slug(), example);
        APIResponse response = OASFactory.createAPIResponse().description(error.description())
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media));
        if (error.retryAfter()) {
            response.addHeader(RETRY_AFTER, OASFactory.createHeader().ref(RETRY_AFTER));
        }
        if (error.status() == 401) {
            response.addHeader(WWW_AUTHENTICATE, OASFactory.createHeader().ref(WWW_AUTHENTICATE));
        }
        return response;
    }

    private static Map<String, Object> exampleProblem(CommonError error) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problem.TYPE_BASE + error.slug());
        problem.put("title", error.title());
        problem.put("status", error.status());
        problem.put("detail", error.detail());
        if (error.status() == 400) {
            // Ordered, so the committed documents do not change from one generation to the next.
            Map<String, Object> fieldError = new LinkedHashMap<>();
            fieldError.put("field", "name");
            fieldError.put("message", "must be a DNS-1123 label");
            problem.put("errors", List.of(fieldError));
        }
        return problem;
    }

    private void addInfo(OpenAPI openAPI) {
        Info info = openAPI.getInfo() != null ? openAPI.getInfo() : OASFactory.createInfo();
        openAPI.setInfo(info);
        if (info.getLicense() == null) {
            License license = OASFactory.createLicense().name(value("mooring.openapi.license.name", "Apache-2.0"));
            license.setUrl(value("mooring.openapi.license.url", "https://www.apache.org/licenses/LICENSE-2.0"));
            info.setLicense(license);
        }
        if (info.getContact() == null) {
            Contact contact = OASFactory.createContact().name(value("mooring.openapi.contact.name", "Mooring"));
            config.getOptionalValue("mooring.openapi.contact.url", String.class).ifPresent(contact::setUrl);
            config.getOptionalValue("mooring.openapi.contact.email", String.class).ifPresent(contact::setEmail);
            info.setContact(contact);
        }
    }

    /**
     * Shared code answers these on any operation; an operation that documents a status itself keeps its own. 401 and
     * 403 only where a token is required, 400 only where the caller sends something to check, 413 and 415 only
     * where there is a body.
     */
    private static void addSharedErrors(PathItem item, Operation operation, boolean securedByDefault) {
        APIResponses responses = operation.getResponses() != null ? operation.getResponses()
                : OASFactory.createAPIResponses();
        operation.setResponses(responses);
        List<SecurityRequirement> security = operation.getSecurity();
        boolean secured = security == null ? securedByDefault
                : security.stream().anyMatch(requirement -> requirement.getSchemes() != null
                        && !requirement.getSchemes().isEmpty());
        // Quarkus gives every operation with a role check its requirement; one without is open to anyone, and says
        // so. A requirement the operation states itself (an empty one, say) stays as it is.
        if (security == null && !secured) {
            operation.setSecurity(new ArrayList<>());
        }
        boolean parameters = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || (item.getParameters() != null && !item.getParameters().isEmpty());
        boolean body = operation.getRequestBody() != null;
        for (CommonError error : ERRORS) {
            boolean applies = switch (error.status()) {
                case 400 -> parameters || body;
                case 401, 403 -> secured;
                case 413, 415 -> body;
                case 414, 431, 503 -> true;
                default -> false;
            };
            String status = Integer.toString(error.status());
            APIResponse own = responses.getAPIResponse(status);
            if ((applies && own == null) || (own != null && isQuarkusDefault(own))) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(error.ref()));
            }
        }
        // An error the operation documents without a body (a description only) carries a problem all the same.
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.matches("[45]\\d\\d") && response.getRef() == null && isEmpty(response.getContent())) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
            }
        });
        // Keep the statuses in order, so the document reads (and diffs) the same every build.
        Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses());
        APIResponse fallback = responses.getDefaultValue();
        APIResponses ordered = OASFactory.createAPIResponses();
        sorted.forEach(ordered::addAPIResponse);
        if (fallback != null) {
            ordered.setDefaultValue(fallback);
        }
        operation.setResponses(ordered);
    }

    /** The bodiless 400, 401 and 403 Quarkus adds by itself ({@code @Valid}, {@code @RolesAllowed}). */
    private static boolean isQuarkusDefault(APIResponse response) {
        return response.getRef() == null && isEmpty(response.getContent())
                && QUARKUS_DEFAULTS.contains(response.getDescription());
    }

    private static boolean isEmpty(Content content) {
        return content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty();
    }

    /**
     * One class serves the dead-letter API of every service under the service's name: each document gets its own
     * concrete paths and operation ids, so the merged document has no two operations alike.
     */
    private void renameDeadLetterPaths(Paths paths) {
        String service = adminName();
        String noun = upperCamel(service);
        Map<String, PathItem> renamed = new LinkedHashMap<>();
        for (String path : new ArrayList<>(paths.getPathItems().keySet())) {
            if (!path.startsWith(DEAD_LETTERS)) {
                continue;
            }
            PathItem item = paths.getPathItem(path);
            paths.removePathItem(path);
            String concrete = path.replace("{service}", service);
            item.getOperations().forEach((method, operation) -> {
                removeServiceParameter(operation.getParameters()).ifPresent(operation::setParameters);
                String suffix = path.substring(DEAD_LETTERS.length());
                String id = switch (method + " " + suffix) {
                    case "GET " -> "list" + noun + "DeadLetters";
                    case "GET /{id}" -> "get" + noun + "DeadLetter";
                    case "POST /{id}/replay" -> "replay" + noun + "DeadLetter";
                    case "DELETE /{id}" -> "discard" + noun + "DeadLetter";
                    default -> operation.getOperationId();
                };
                operation.setOperationId(id);
            });
            removeServiceParameter(item.getParameters()).ifPresent(item::setParameters);
            renamed.put(concrete, item);
        }
        renamed.forEach(paths::addPathItem);
    }

    private static Optional<List<Parameter>> removeServiceParameter(List<Parameter> parameters) {
        if (parameters == null) {
            return Optional.empty();
        }
        List<Parameter> kept = parameters.stream()
                .filter(p -> !(Parameter.In.PATH.equals(p.getIn()) && "service".equals(p.getName()))).toList();
        return Optional.of(new ArrayList<>(kept));
    }

    /**
     * Marks {@code deprecated} the operations of the routes {@code mooring.http.deprecations.<name>.path} (and
     * {@code .method}) names, which {@code RouteDeprecations} announces in headers.
     */
    private void markDeprecatedRoutes(Paths paths) {
        String prefix = "mooring.http.deprecations.";
        for (String key : config.getPropertyNames()) {
            if (!key.startsWith(prefix) || !key.endsWith(".path")) {
                continue;
            }
            String route = config.getValue(key, String.class).trim();
            Optional<String> method = config.getOptionalValue(key.substring(0, key.length() - ".path".length())
                    + ".method", String.class).map(m -> m.trim().toUpperCase(Locale.ROOT));
            boolean under = route.endsWith("/*");
            String base = under ? route.substring(0, route.length() - 2) : route;
            paths.getPathItems().forEach((path, item) -> {
                if (path.equals(base) || (under && path.startsWith(base + "/"))) {
                    item.getOperations().forEach((httpMethod, operation) -> {
                        if (method.isEmpty() || method.get().equals(httpMethod.name())) {
                            operation.setDeprecated(true);
                        }
                    });
                }
            });
        }
    }

    /** The service's path segment in the admin API, as {@code DeadLetterResource} checks it. */
    private String adminName() {
        String name = config.getOptionalValue("mooring.consumer.admin-name", String.class)
                .or(() -> config.getOptionalValue("quarkus.application.name", String.class)).orElse("service");
        return name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
    }

    static String upperCamel(String name) {
        StringBuilder camel = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                camel.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return camel.toString();
    }

    /**
     * Tag descriptions from {@code mooring.openapi.tags."<tag name>"=<description>}, for tags no {@code @Tag}
     * annotation describes; every tag an operation uses is listed at the top, in name order.
     */
    private void describeTags(OpenAPI openAPI) {
        Map<String, Tag> tags = new TreeMap<>();
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(tag -> tags.put(tag.getName(), tag));
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getTags() != null) {
                operation.getTags().forEach(name -> tags.computeIfAbsent(name, n -> OASFactory.createTag().name(n)));
            }
        }));
        tags.values().forEach(tag -> {
            if (tag.getDescription() == null || tag.getDescription().isBlank()) {
                config.getOptionalValue("mooring.openapi.tags.\"" + tag.getName() + "\"", String.class)
                        .or(() -> config.getOptionalValue("mooring.openapi.tags." + tag.getName(), String.class))
                        .ifPresent(tag::setDescription);
            }
        });
        if (!tags.isEmpty()) {
            openAPI.setTags(new ArrayList<>(tags.values()));
        }
    }

    private String value(String key, String fallback) {
        return config.getOptionalValue(key, String.class).orElse(fallback);
    }
}
