package io.netloom.server.directorysync;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.ClientBuilderWrapper;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A Keycloak realm read through Keycloak's admin client, signed in as a confidential client's service account
 * (client credentials; the token is reused until it expires). Users are paged; group memberships are read per
 * group (its direct members, subgroups included), which takes one call per group rather than one per user.
 */
final class KeycloakDirectory implements DirectorySource {

    private static final int PAGE = 500;
    /** A directory that answers slowly is a directory that is down: the run must not hang. */
    private static final long CONNECT_SECONDS = 5;
    private static final long READ_SECONDS = 10;

    private final Keycloak keycloak;
    private final String realm;

    KeycloakDirectory(DirectorySyncConfig config) {
        this.realm = config.realm();
        this.keycloak = KeycloakBuilder.builder()
                .serverUrl(config.serverUrl())
                .realm(config.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(config.clientId())
                .clientSecret(config.clientSecret())
                .resteasyClient(ClientBuilderWrapper.create(null, false)
                        .connectTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
                        .readTimeout(READ_SECONDS, TimeUnit.SECONDS)
                        // Keycloak's own provider ignores fields a newer server adds.
                        .register(new JacksonProvider(), 100)
                        .build())
                .build();
    }

    @Override
    public DirectorySnapshot read(Set<String> linkedSubjects, boolean withGroups)
            throws DirectoryUnavailableException {
        try {
            RealmResource directory = keycloak.realm(realm);
            Map<String, List<String>> groupsOfUser = new LinkedHashMap<>();
            if (withGroups) {
                for (GroupRepresentation group
                        : paged((first, max) -> directory.groups().groups(null, first, max, true))) {
                    collectMembers(directory, group, groupsOfUser);
                }
            }
            Map<String, DirectoryPerson> people = new LinkedHashMap<>();
            for (UserRepresentation user : paged((first, max) -> directory.users().search(null, first, max, true))) {
                people.put(user.getId(), person(user, groupsOfUser));
            }
            Set<String> missing = new HashSet<>(linkedSubjects);
            missing.removeAll(people.keySet());
            for (String subject : missing) {
                // A listing that changed while it was paged can skip someone: only a 404 proves they are gone.
                try {
                    people.put(subject, person(directory.users().get(subject).toRepresentation(), groupsOfUser));
                } catch (NotFoundException gone) {
                    // deleted: absent from the snapshot
                }
            }
            return DirectorySnapshot.of(people.values(), withGroups);
        } catch (WebApplicationException e) {
            throw new DirectoryUnavailableException("Keycloak answered " + e.getResponse().getStatus(), e);
        } catch (RuntimeException e) {
            throw new DirectoryUnavailableException(String.valueOf(rootMessage(e)), e);
        }
    }

    private void collectMembers(RealmResource directory, GroupRepresentation group,
            Map<String, List<String>> groupsOfUser) {
        for (UserRepresentation member : paged((first, max) -> directory.groups().group(group.getId())
                .members(first, max, true))) {
            groupsOfUser.computeIfAbsent(member.getId(), id -> new ArrayList<>()).add(group.getName());
        }
        if (group.getSubGroupCount() != null && group.getSubGroupCount() > 0) {
            for (GroupRepresentation subGroup : paged((first, max) -> directory.groups().group(group.getId())
                    .getSubGroups(first, max, true))) {
                collectMembers(directory, subGroup, groupsOfUser);
            }
        }
    }

    private static DirectoryPerson person(UserRepresentation user, Map<String, List<String>> groupsOfUser) {
        if (user.getId() == null || user.isEnabled() == null) {
            // Not knowing is not evidence of a leaver: the run fails rather than block anyone.
            throw new IllegalStateException("Keycloak listed a user without id or enabled flag");
        }
        return new DirectoryPerson(user.getId(), user.isEnabled(), groupsOfUser.getOrDefault(user.getId(), List.of()));
    }

    private static <T> List<T> paged(BiFunction<Integer, Integer, List<T>> page) {
        List<T> all = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            List<T> next = page.apply(first, PAGE);
            all.addAll(next);
            if (next.size() < PAGE) {
                return all;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
