package io.netloom.daemon.dns;

import io.netloom.daemon.link.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which way the system's DNS is managed on this machine: through systemd-resolved when it runs and the system asks
 * it (resolv.conf names its stub listener), otherwise by writing resolv.conf. A resolved that runs but that glibc
 * does not ask would never see a question, and a resolv.conf written beside a running resolved would be overwritten
 * by it.
 */
public final class SystemDnsChoice {

    private static final Logger log = LoggerFactory.getLogger(SystemDnsChoice.class);
    /** resolved's stub listeners (the second one, 127.0.0.54, is its proxy mode). */
    private static final List<String> STUBS = List.of("127.0.0.53", "127.0.0.54");

    private SystemDnsChoice() {
    }

    /**
     * @param file the resolv.conf manager, also used when resolved is there but not in charge
     * @param resolvectl resolved's command line tool, if installed
     * @param link the overlay interface
     */
    public static SystemDns choose(ResolvConfFile file, Path resolvConf, Optional<Path> resolvectl, String link,
            Path uplinks) {
        if (resolvectl.isEmpty() || !asksTheStub(resolvConf)) {
            return file;
        }
        try {
            if (Commands.execute(List.of(resolvectl.get().toString(), "status"), null, Duration.ofSeconds(5))
                    .succeeded()) {
                return new ResolvedLink(resolvectl.get().toString(), link, uplinks);
            }
        } catch (IOException e) {
            log.debug("systemd-resolved does not answer: {}", e.getMessage());
        }
        log.warn("{} names systemd-resolved's stub but resolved does not answer; managing {} itself", resolvConf,
                resolvConf);
        return file;
    }

    /** {@code name} in a directory of the {@code PATH}, as the shell would find it. */
    public static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(":")) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean asksTheStub(Path resolvConf) {
        try {
            String text = new String(Files.readAllBytes(resolvConf), StandardCharsets.UTF_8);
            return ResolvConf.parse(text).nameservers().stream().anyMatch(STUBS::contains);
        } catch (IOException e) {
            return false;
        }
    }
}
