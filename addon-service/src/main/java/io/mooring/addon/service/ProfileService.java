package io.mooring.addon.service;

import io.mooring.addon.domain.LayerDefinition;
import io.mooring.addon.domain.ObjectIdentity;
import io.mooring.addon.domain.ProfileType;
import io.mooring.addon.domain.RenderedLayer;
import io.mooring.addon.domain.SecretValues;
import io.mooring.addon.repository.AttachmentRepository;
import io.mooring.addon.repository.ProfileRecord;
import io.mooring.addon.repository.ProfileRepository;
import io.mooring.addon.repository.ProfileVersionRecord;
import io.mooring.addon.repository.ProfileVersionRepository;
import io.mooring.events.addons.DesiredLayer;
import io.mooring.support.api.ProblemException;
import io.mooring.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishing, reading and deleting profile versions. A published version never changes: publishing the same
 * name and version again is accepted only with the same content (and changes nothing), and a version attached
 * to a cluster cannot be deleted.
 */
@ApplicationScoped
public class ProfileService {

    private final ProfilePreparation preparation;
    private final LayerRenderer renderer;
    private final RenderWorkers workers;
    private final ProfileRepository profiles;
    private final ProfileVersionRepository versions;
    private final AttachmentRepository attachments;
    private final StoredJson json;

    public ProfileService(ProfilePreparation preparation, LayerRenderer renderer, RenderWorkers workers,
            ProfileRepository profiles, ProfileVersionRepository versions, AttachmentRepository attachments,
            StoredJson json) {
        this.preparation = preparation;
        this.renderer = renderer;
        this.workers = workers;
        this.profiles = profiles;
        this.versions = versions;
        this.attachments = attachments;
        this.json = json;
    }

    /** The published version, and whether this call published it (false: it was there already, identical). */
    public record Published(VersionDetails version, boolean created) {
    }

    public Uni<Published> publish(ProfileDraft draft, Caller caller) {
        PreparedProfile prepared = preparation.prepare(draft);
        return Panache.withSession(() -> alreadyPublished(prepared))
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().item(new Published(existing, false))
                        : workers.run(() -> renderer.renderProfile(prepared))
                                .flatMap(rendered -> Panache.withTransaction(() -> store(prepared, rendered, caller))));
    }

    /** The existing version when it has the same content; a 409 when its content differs; null when new. */
    private Uni<VersionDetails> alreadyPublished(PreparedProfile prepared) {
        return profiles.findById(prepared.name()).flatMap(profile -> {
            checkType(profile, prepared);
            return versions.byNameAndVersion(prepared.name(), prepared.versionText())
                    .map(existing -> existing == null ? null : sameContent(existing, prepared));
        });
    }

    private VersionDetails sameContent(ProfileVersionRecord existing, PreparedProfile prepared) {
        if (!existing.contentHash.equals(prepared.contentHash())) {
            throw ProblemException.conflict("Version " + prepared.versionText() + " of add-on profile '"
                    + prepared.name() + "' is already published with different content. Published versions never "
                    + "change: publish the change as a new version.");
        }
        return details(existing);
    }

    private static void checkType(ProfileRecord profile, PreparedProfile prepared) {
        if (profile != null && !profile.type.equals(prepared.definition().type().wire())) {
            throw ProblemException.conflict("Add-on profile '" + prepared.name() + "' is an " + profile.type
                    + " profile; all its versions have that type.");
        }
    }

    private Uni<Published> store(PreparedProfile prepared, LayerRenderer.RenderedProfile rendered, Caller caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String type = prepared.definition().type().wire();
        String sortKey = prepared.version().sortKey();
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                        insert into addon_profile (name, type, description, latest_version, latest_sort_key,
                            version_count, created_at, updated_at)
                        values (:name, :type, :description, :version, :sortKey, 0, :now, :now)
                        on conflict (name) do nothing""")
                        .setParameter("name", prepared.name())
                        .setParameter("type", type)
                        .setParameter("description", prepared.definition().description())
                        .setParameter("version", prepared.versionText())
                        .setParameter("sortKey", sortKey)
                        .setParameter("now", now)
                        .executeUpdate())
                // Publishing one profile happens one at a time from here on: the profile's row is locked.
                .flatMap(inserted -> profiles.findById(prepared.name(), LockModeType.PESSIMISTIC_WRITE))
                .flatMap(profile -> {
                    checkType(profile, prepared);
                    return versions.byNameAndVersion(prepared.name(), prepared.versionText()).flatMap(existing -> {
                        if (existing != null) {
                            return Uni.createFrom().item(new Published(sameContent(existing, prepared), false));
                        }
                        return storeArchives(rendered, prepared)
                                .flatMap(v -> insertVersion(prepared, rendered, caller, now))
                                .flatMap(version -> {
                                    profile.versionCount++;
                                    if (profile.versionCount == 1 || sortKey.compareTo(profile.latestSortKey) > 0) {
                                        profile.latestVersion = version.version;
                                        profile.latestSortKey = sortKey;
                                        profile.description = version.description;
                                    }
                                    profile.updatedAt = now;
                                    return Uni.createFrom().item(new Published(details(version), true));
                                });
                    });
                });
    }

    private Uni<Void> storeArchives(LayerRenderer.RenderedProfile rendered, PreparedProfile prepared) {
        List<Map.Entry<String, byte[]>> all = new ArrayList<>(prepared.archives().entrySet());
        all.addAll(rendered.downloadedArchives().entrySet());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, byte[]> archive : all) {
            chain = chain.flatMap(v -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                    insert into addon_chart_archive (digest, content, size, created_at)
                    values (:digest, :content, :size, now())
                    on conflict (digest) do nothing""")
                    .setParameter("digest", archive.getKey())
                    .setParameter("content", archive.getValue())
                    .setParameter("size", archive.getValue().length)
                    .executeUpdate()).replaceWithVoid());
        }
        return chain;
    }

    private Uni<ProfileVersionRecord> insertVersion(PreparedProfile prepared, LayerRenderer.RenderedProfile rendered,
            Caller caller, Instant now) {
        ProfileVersionRecord version = new ProfileVersionRecord();
        version.id = UUID.randomUUID();
        version.name = prepared.name();
        version.version = prepared.versionText();
        version.sortKey = prepared.version().sortKey();
        version.type = prepared.definition().type().wire();
        version.description = prepared.definition().description();
        version.contentHash = prepared.contentHash();
        version.definition = json.write(rendered.definitions());
        version.rendered = json.write(rendered.layers());
        version.createdAt = now;
        version.createdBy = caller.name();
        return versions.persist(version);
    }

    /** Profiles by name after {@code afterName} (null: from the first), of one type and name prefix when given. */
    public Uni<List<ProfileSnapshot>> list(ProfileType type, String namePrefix, String afterName, int limit) {
        return Panache.withSession(() -> profiles.page(type == null ? null : type.wire(), namePrefix, afterName,
                limit)).map(rows -> rows.stream().map(ProfileService::snapshot).toList());
    }

    public Uni<ProfileSnapshot> get(String name) {
        return Panache.withSession(() -> profiles.findById(name)).map(profile -> {
            if (profile == null) {
                throw notFound(name);
            }
            return snapshot(profile);
        });
    }

    /** A profile's versions, highest first, after the one with {@code afterSortKey} and {@code afterVersion}. */
    public Uni<List<VersionSnapshot>> versions(String name, String afterSortKey, String afterVersion, int limit) {
        return Panache.withSession(() -> profiles.findById(name).flatMap(profile -> {
            if (profile == null) {
                throw notFound(name);
            }
            return versions.page(name, afterSortKey, afterVersion, limit);
        })).map(rows -> rows.stream().map(this::versionSnapshot).toList());
    }

    public Uni<VersionDetails> version(String name, String version) {
        return Panache.withSession(() -> versions.byNameAndVersion(name, version)).map(record -> {
            if (record == null) {
                throw versionNotFound(name, version);
            }
            return details(record);
        });
    }

    /**
     * The objects each layer of a version renders to with its own values, as an agent would receive them, except
     * that the values of Secret objects are masked: the API never hands out secret material, whatever the role.
     */
    public Uni<List<DesiredLayer>> rendered(String name, String version) {
        return Panache.withSession(() -> versions.byNameAndVersion(name, version)).map(record -> {
            if (record == null) {
                throw versionNotFound(name, version);
            }
            return json.rendered(record.rendered).stream().map(layer -> new DesiredLayer(layer.name(), layer.order(),
                    layer.source(), layer.namespace(),
                    layer.objects().stream().map(SecretValues::maskSecretObject).toList(), layer.adoptExisting()))
                    .toList();
        });
    }

    /** Deletes a version no cluster has attached; the profile goes with its last version. */
    public Uni<Void> delete(String name, String version) {
        return Panache.withTransaction(() -> profiles.findById(name, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(profile -> {
                    if (profile == null) {
                        throw versionNotFound(name, version);
                    }
                    return versions.find("name = ?1 and version = ?2", name, version)
                            .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                            .flatMap(record -> {
                                if (record == null) {
                                    throw versionNotFound(name, version);
                                }
                                return attachments.countForVersion(record.id).flatMap(count -> {
                                    if (count > 0) {
                                        throw ProblemException.conflict("Version " + version + " of add-on profile '"
                                                + name + "' is attached to " + count + " cluster"
                                                + (count == 1 ? "" : "s") + "; detach it first.");
                                    }
                                    return versions.delete(record);
                                }).flatMap(v -> versions.flush())
                                        .flatMap(v -> versions.latest(name))
                                        .flatMap(latest -> {
                                            if (latest == null) {
                                                return profiles.delete(profile);
                                            }
                                            profile.versionCount = Math.max(0, profile.versionCount - 1);
                                            profile.latestVersion = latest.version;
                                            profile.latestSortKey = latest.sortKey;
                                            profile.description = latest.description;
                                            profile.updatedAt = Instant.now();
                                            return Uni.createFrom().voidItem();
                                        });
                            });
                }));
    }

    static ProblemException notFound(String name) {
        return ProblemException.notFound("Add-on profile '" + name + "' not found");
    }

    static ProblemException versionNotFound(String name, String version) {
        return ProblemException.notFound("Add-on profile '" + name + "' version '" + version + "' not found");
    }

    private static ProfileSnapshot snapshot(ProfileRecord profile) {
        return new ProfileSnapshot(profile.name, profile.type, profile.description, profile.latestVersion,
                profile.versionCount, profile.createdAt, profile.updatedAt);
    }

    private VersionSnapshot versionSnapshot(ProfileVersionRecord record) {
        return new VersionSnapshot(record.name, record.version, record.sortKey, record.type, record.description,
                record.contentHash, json.definitions(record.definition).size(), record.createdAt, record.createdBy);
    }

    private VersionDetails details(ProfileVersionRecord record) {
        List<LayerDefinition> definitions = json.definitions(record.definition);
        List<RenderedLayer> rendered = json.rendered(record.rendered);
        List<VersionDetails.Layer> layers = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            LayerDefinition layer = definitions.get(i);
            RenderedLayer objects = rendered.get(i);
            layers.add(new VersionDetails.Layer(layer.name(), i, layer.source(), layer.namespace(), layer.manifests(),
                    layer.chart(), layer.isChart() ? SecretValues.mask(layer.values(), layer.secretPaths()) : null,
                    layer.adopts(), layer.secretValues(),
                    objects.identities().stream().map(ObjectIdentity::toRef).toList()));
        }
        return new VersionDetails(record.name, record.version, record.type, record.description, record.contentHash,
                record.createdAt, record.createdBy, layers);
    }
}
