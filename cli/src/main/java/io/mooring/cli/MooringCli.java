package io.mooring.cli;

import io.mooring.cli.auth.Config;
import io.mooring.cli.auth.ConfigStore;
import io.mooring.cli.auth.OidcClient;
import io.mooring.cli.command.ClustersCommand;
import io.mooring.cli.command.CompletionCommand;
import io.mooring.cli.command.CostCommand;
import io.mooring.cli.command.EventsCommand;
import io.mooring.cli.command.GroupCommand;
import io.mooring.cli.command.HealthCommand;
import io.mooring.cli.command.LoginCommand;
import io.mooring.cli.command.LogoutCommand;
import io.mooring.cli.command.ProfilesCommand;
import io.mooring.cli.command.RulesCommand;
import io.mooring.cli.command.WebhooksCommand;
import io.mooring.cli.http.Problems;
import io.mooring.cli.output.Format;
import io.mooring.cli.output.Printer;
import io.mooring.client.ApiClient;
import io.mooring.client.ApiException;
import io.mooring.client.api.MooringApi;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

// scope INHERIT hands --help (and --version) down to every subcommand, whose usage errors point to it.
@Command(name = "mooring", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = MooringCli.Version.class,
        description = "The Mooring control plane from the command line: clusters, events, health, cost, add-on"
                + " profiles, webhooks and notification rules. Tables for people, -o json|yaml for scripts.",
        subcommands = {LoginCommand.class, LogoutCommand.class, ClustersCommand.class, EventsCommand.class,
                HealthCommand.class, CostCommand.class, ProfilesCommand.class, WebhooksCommand.class,
                RulesCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  usage: a wrong command line", "  2  not found (404, 410)",
                "  3  not signed in, or not allowed (401, 403)", "  4  rejected: invalid input or a conflict (other 4xx)",
                "  5  server unavailable or failing (5xx, 429, unreachable)", "  6  --wait/--for ran out",
                "  7  kubectl failed (--apply)",
                "%nEnvironment: MOORING_SERVER, MOORING_TOKEN, MOORING_ISSUER, MOORING_CONFIG_DIR (default"
                        + " ~/.config/mooring)."})
public final class MooringCli extends GroupCommand {

    static final String DEFAULT_SERVER = "http://localhost:8080";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The gateway's URL (default: MOORING_SERVER, the one you signed in to, else " + DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "A bearer token to use instead of the stored sign-in (or MOORING_TOKEN).")
    String token;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "table (default), json, yaml; csv for cost.")
    Format output = Format.TABLE;

    private final Environment environment;
    private final ConfigStore store;
    private HttpClient http;

    public MooringCli(Environment environment) {
        this.environment = environment;
        this.store = ConfigStore.fromEnvironment(environment.variables());
    }

    public static void main(String[] args) {
        System.exit(commandLine(Environment.system()).execute(args));
    }

    /** The command line with Mooring's exit codes and error printing; {@code setOut}/{@code setErr} for tests. */
    public static CommandLine commandLine(Environment environment) {
        CommandLine cli = new CommandLine(new MooringCli(environment));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("error: " + e.getMessage());
            failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            CliException failure = asFailure(e);
            failed.getErr().println("error: " + failure.getMessage());
            failed.getErr().flush();
            return failure.exitCode();
        });
        return cli;
    }

    static CliException asFailure(Exception e) {
        if (e instanceof CliException failure) {
            return failure;
        }
        if (e instanceof ApiException api) {
            return Problems.fromApi(api);
        }
        if (e instanceof java.io.IOException io) {
            return Problems.unreachable(io);
        }
        return new CliException(ExitCodes.USAGE, e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }

    public Environment environment() {
        return environment;
    }

    public ConfigStore store() {
        return store;
    }

    public PrintWriter out() {
        return commandSpec.commandLine().getOut();
    }

    public PrintWriter err() {
        return commandSpec.commandLine().getErr();
    }

    public Printer printer() {
        return new Printer(output, out());
    }

    public Format output() {
        return output;
    }

    public String serverOption() {
        return server;
    }

    public String tokenOption() {
        return token;
    }

    /** The gateway URL: --server, MOORING_SERVER, the stored one, else the local stack's. */
    public String server() {
        String chosen = server != null ? server : environment.variable("MOORING_SERVER");
        if (chosen == null) {
            chosen = store.load().server();
        }
        return (chosen == null ? DEFAULT_SERVER : chosen).replaceAll("/+$", "");
    }

    public HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    public OidcClient oidc() {
        return new OidcClient(http(), environment.clock(), environment.sleeper());
    }

    /**
     * The bearer token: --token, MOORING_TOKEN, else the stored sign-in, renewed with its refresh token when it has
     * expired (or is about to).
     */
    public String bearerToken() {
        if (token != null) {
            return token;
        }
        String fromEnvironment = environment.variable("MOORING_TOKEN");
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        Config config = store.load();
        if (config.accessToken() == null) {
            throw new CliException(ExitCodes.DENIED,
                    "not signed in: run mooring login, or pass --token or set MOORING_TOKEN");
        }
        long now = environment.clock().instant().getEpochSecond();
        // Renewed a little early, so the token does not expire between this check and the server's.
        if (config.expiresAt() != null && now >= config.expiresAt() - 30) {
            if (config.refreshToken() == null || config.issuer() == null) {
                throw new CliException(ExitCodes.DENIED, "the sign-in expired: run mooring login");
            }
            OidcClient oidc = oidc();
            OidcClient.Tokens fresh = oidc.refresh(oidc.discover(config.issuer()), config.clientId(),
                    config.refreshToken());
            store.save(config.withTokens(fresh.accessToken(), fresh.refreshToken(), fresh.expiresAt()));
            return fresh.accessToken();
        }
        return config.accessToken();
    }

    /** The generated client of the whole API, pointed at the server with the bearer token. */
    public MooringApi api() {
        String bearer = bearerToken();
        ApiClient client = new ApiClient();
        client.updateBaseUri(server());
        client.setConnectTimeout(Duration.ofSeconds(10));
        client.setReadTimeout(REQUEST_TIMEOUT);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer)
                .header("User-Agent", "mooring-cli"));
        return new MooringApi(client);
    }

    /** A request the generated client does not fit (CSV, a live stream), with the same token. */
    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(java.net.URI.create(server() + pathAndQuery))
                .header("Authorization", "Bearer " + bearerToken()).header("User-Agent", "mooring-cli");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MooringCli.class.getPackage().getImplementationVersion();
            return new String[] {"mooring " + (version == null ? "(development build)" : version)};
        }
    }
}
