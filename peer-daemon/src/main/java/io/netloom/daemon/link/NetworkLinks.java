package io.netloom.daemon.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Looks up and deletes network interfaces with iproute2. */
public final class NetworkLinks {

    /** The kind reported for interfaces without a link kind, such as Ethernet cards. */
    public static final String PHYSICAL = "physical";

    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkLinks() {
    }

    /**
     * The link kind of interface {@code name} as iproute2 names it ({@code wireguard}, {@code tun},
     * {@code veth}, ...), {@link #PHYSICAL} when it has none, or empty when there is no such interface.
     */
    public static Optional<String> kind(String name) throws IOException {
        InterfaceNames.requireValid(name);
        CommandResult result = Commands.execute(
                List.of("ip", "-j", "-d", "link", "show", "dev", name), null, Commands.DEFAULT_TIMEOUT);
        if (!result.succeeded()) {
            if (result.stderr().contains("does not exist")) {
                return Optional.empty();
            }
            throw new CommandFailedException(result);
        }
        JsonNode links = JSON.readTree(result.stdout());
        if (!links.isArray() || links.isEmpty()) {
            return Optional.empty();
        }
        String kind = links.get(0).path("linkinfo").path("info_kind").asText("");
        return Optional.of(kind.isEmpty() ? PHYSICAL : kind);
    }

    public static boolean exists(String name) throws IOException {
        return kind(name).isPresent();
    }

    /** Deletes interface {@code name}; does nothing when it does not exist. */
    public static void deleteIfPresent(String name) throws IOException {
        if (exists(name)) {
            Commands.run("ip", "link", "del", "dev", name);
        }
    }
}
