package io.mooring.cost.api;

/**
 * What the OpenAPI annotations of cost-service's resources share: the problem schema's reference, the error
 * answers' descriptions and examples, and example bodies. Annotation values must be constants, hence one place.
 */
final class CostApiDocs {

    static final String COST_TAG = "Cost";
    static final String COST_TAG_DESCRIPTION = "Cost reports: what a cluster or the caller's fleet cost over a window, "
            + "grouped and broken down by time, as JSON, CSV or OpenCost's allocation shape; and the rates a cluster "
            + "is priced at.";
    static final String RATE_CARDS_TAG = "Rate cards";
    static final String RATE_CARDS_TAG_DESCRIPTION = "What prices clusters: the installation's currency and default "
            + "unit rates, overrides per project and per cluster (admins), and the card of on-demand instance prices "
            + "(every user). A change applies to cost accrued from then on.";

    static final String PROBLEM_JSON = "application/problem+json";
    /** The shared problem component (service-support's SharedOpenApi adds it, and the 401, 403, 413, 415, 503). */
    static final String PROBLEM = "#/components/schemas/Problem";

    static final String VIEWER = "Needs a user token with role mooring-viewer (or higher) and the cluster's project "
            + "among the token's projects (an admin sees every project).";
    static final String ADMIN = "Needs a user token with role mooring-admin.";


    static final String CLUSTER_NOT_FOUND = "No such cluster, or one in a project the caller cannot see (the same "
            + "answer for both); an id that is not a UUID too";
    static final String CLUSTER_NOT_FOUND_EXAMPLE = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Cluster not found"}""";
    static final String BAD_REPORT = "An invalid window, from/to, aggregate, step or format (each one named in "
            + "errors), or a report that would have more rows than allowed";
    static final String BAD_REPORT_EXAMPLE = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The request is not valid.",
             "errors": [{"field": "window", "message": "must be a number of hours or days such as 24h, 7d or 30d"},
                        {"field": "aggregate", "message": "must be one of cluster, project, provider, namespace, \
            node, workload, label:<key>"}]}""";
    static final String NOT_ACCEPTABLE = "The Accept header names neither JSON nor CSV";
    static final String NOT_ACCEPTABLE_EXAMPLE = """
            {"type": "https://mooring.io/problems/not-acceptable", "title": "Not Acceptable", "status": 406,
             "detail": "None of the accepted media types can be produced."}""";

    static final String BAD_RATES = "A body that is not JSON, or not of the documented shape, or with an invalid "
            + "value (each one named in errors)";
    static final String BAD_RATES_EXAMPLE = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The request is not valid.",
             "errors": [{"field": "cpuCoreHour", "message": "must be greater than or equal to 0"},
                        {"field": "currency", "message": "must be an ISO 4217 code such as USD"}]}""";

    static final String CLUSTER_ID = "The cluster's id";
    static final String CLUSTER_ID_EXAMPLE = "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11";
    static final String PROJECT = "The project's name (a DNS label)";

    // Report parameters.
    static final String WINDOW = "The last N hours (Nh, up to the end of the current hour) or days (Nd, whole UTC days "
            + "up to the end of today); not together with from/to. Neither given: 7d. At most mooring.cost.report."
            + "max-days (366) days.";
    static final String FROM = "Start of the window: an ISO-8601 instant, a date-time with an offset, or a date "
            + "(midnight UTC); widened to the hour. Required when to is given.";
    static final String TO = "End of the window (exclusive), in the same forms as from; widened to the hour. "
            + "Default: the end of the current hour.";
    static final String WINDOW_PATTERN = "^\\s*[1-9][0-9]{0,5}[hd]\\s*$";
    static final String CLUSTER_AGGREGATE = "What to group by: namespace (default), node, workload, label:<key> (the "
            + "value of one label key; __unallocated__ for what has none), cluster, project or provider. Idle capacity "
            + "is its own group, __idle__.";
    static final String FLEET_AGGREGATE = "What to group by: cluster (default), project, provider, namespace, node "
            + "(named <clusterId>/<node>), workload or label:<key>. Idle capacity is its own group, __idle__.";
    static final String STEP = "Break the window down by hour or by day (one row per group and bucket); none: one "
            + "row per group for the whole window.";
    static final String FORMAT = "json or csv; wins over the Accept header.";
    static final String CSV_BODY = "RFC 4180 CSV, sent as an attachment (cost.csv): a header line, then one line per "
            + "row: start, end, name, the aggregate's properties in snake_case, currency, the costs, efficiency and "
            + "the resource hours.";

    static final String REPORT_EXAMPLE = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "from": "2026-03-03T08:00:00Z",
             "to": "2026-03-03T09:00:00Z", "aggregate": "namespace",
             "rows": [{"name": "team-a", "start": "2026-03-03T08:00:00Z", "end": "2026-03-03T09:00:00Z",
                       "properties": {"namespace": "team-a"}, "currency": "USD", "cpuCost": 0.0156,
                       "memoryCost": 0.0084, "gpuCost": 0, "storageCost": 0.004, "idleCost": 0, "totalCost": 0.028,
                       "usedCost": 0.0112, "efficiency": 0.4, "cpuCoreHours": 0.5, "memoryGibHours": 2, "gpuHours": 0,
                       "storageGibHours": 73}],
             "totals": [{"currency": "USD", "cpuCost": 0.0156, "memoryCost": 0.0084, "gpuCost": 0,
                         "storageCost": 0.004, "idleCost": 0, "totalCost": 0.028, "usedCost": 0.0112,
                         "efficiency": 0.4, "cpuCoreHours": 0.5, "memoryGibHours": 2, "gpuHours": 0,
                         "storageGibHours": 73}]}""";
    static final String CSV_EXAMPLE = "start,end,name,namespace,currency,cpu_cost,memory_cost,gpu_cost,storage_cost,"
            + "idle_cost,total_cost,used_cost,efficiency,cpu_core_hours,memory_gib_hours,gpu_hours,"
            + "storage_gib_hours\r\n"
            + "2026-03-03T08:00:00Z,2026-03-03T09:00:00Z,team-a,team-a,USD,0.0156,0.0084,0,0.004,0,0.028,0.0112,0.4,"
            + "0.5,2,0,73\r\n";

    private CostApiDocs() {
    }
}
