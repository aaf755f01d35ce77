package io.mooring.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.output.Column;
import io.mooring.client.api.MooringApi;
import io.mooring.client.model.AttachRequest;
import io.mooring.client.model.Attachment;
import io.mooring.client.model.PageProfileSummary;
import io.mooring.client.model.ProfileSummary;
import io.mooring.client.model.ProfileVersion;
import io.mooring.client.model.PublishProfileRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "profiles", description = "Add-on profiles: list, publish a version, attach to or detach from a cluster.",
        subcommands = {ProfilesCommand.List.class, ProfilesCommand.Publish.class, ProfilesCommand.Attach.class,
                ProfilesCommand.Detach.class})
public final class ProfilesCommand extends GroupCommand {

    /** YAML is a superset of JSON, so one reader takes both kinds of file. */
    private static final ObjectMapper FILES = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule());

    static <T> T readFile(Path file, Class<T> type) {
        try {
            return FILES.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "list", description = "The profile catalogue.")
    static final class List extends ApiCommand {
        @Option(names = "--type", description = "add-on or infrastructure.")
        String type;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            java.util.List<ProfileSummary> profiles = new ArrayList<>();
            String cursor = null;
            do {
                PageProfileSummary page = api.listAddonProfiles(cursor, 100, null, type);
                profiles.addAll(page.getItems());
                cursor = page.getNextCursor();
            } while (cursor != null);
            cli().printer().list(profiles, java.util.List.of(Column.of("name", "/name"), Column.of("type", "/type"),
                    Column.of("latest", "/latestVersion"), Column.of("versions", "/versionCount"),
                    Column.of("updated", "/updatedAt"), Column.of("description", "/description")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "publish", description = "Publish a profile version from a YAML or JSON file (the API's"
            + " PublishProfileRequest: name, version, type, layers). The same content again changes nothing.")
    static final class Publish extends ApiCommand {
        @Option(names = {"-f", "--file"}, required = true, description = "The profile version, YAML or JSON.")
        Path file;

        @Override
        public Integer call() throws Exception {
            PublishProfileRequest request = readFile(file, PublishProfileRequest.class);
            ProfileVersion published = cli().api().publishAddonProfile(request);
            cli().printer().one(published, v -> "Published " + v.path("name").asText() + " "
                    + v.path("version").asText() + ".\n");
            return ExitCodes.OK;
        }
    }

    @Command(name = "attach", description = "Attach a profile version to a full-permission cluster.")
    static final class Attach extends ApiCommand {
        @Mixin
        ClusterArgument target;
        @Parameters(index = "1", paramLabel = "PROFILE")
        String profile;
        @Parameters(index = "2", paramLabel = "VERSION")
        String version;
        @Option(names = "--values", paramLabel = "FILE", description = "Values for the profile, YAML or JSON.")
        Path values;
        @Option(names = "--idempotency-key", description = "Retry-safe (default: a new random key).")
        String idempotencyKey;

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            UUID id = target.resolve(api);
            AttachRequest request = new AttachRequest().profile(profile).version(version);
            if (values != null) {
                request.values(readFile(values, Map.class));
            }
            Attachment attachment = api.attachAddonProfile(id, request,
                    idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey);
            cli().printer().one(attachment, a -> "Attached " + a.path("profile").asText() + " "
                    + a.path("version").asText() + " to " + target.named() + ": " + a.path("status").asText() + ".\n");
            return ExitCodes.OK;
        }
    }

    @Command(name = "detach", description = "Detach a profile from a cluster (its objects are removed).")
    static final class Detach extends ApiCommand {
        @Mixin
        ClusterArgument target;
        @Parameters(index = "1", paramLabel = "PROFILE")
        String profile;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            UUID id = target.resolve(api);
            cli().api().detachAddonProfile(id, profile);
            if (cli().printer().forPeople()) {
                cli().out().println("Detached " + profile + " from " + target.named() + ".");
                cli().out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
