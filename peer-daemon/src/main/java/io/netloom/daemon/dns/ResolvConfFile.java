package io.netloom.daemon.dns;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.daemon.link.IpLiterals;
import io.netloom.daemon.state.StateFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * /etc/resolv.conf, managed where no systemd-resolved is: the original is kept in the state directory before the
 * first change and put back exactly (its bytes, or the symbolic link it was) by {@link #restore}.
 *
 * <p>The copy is a file, not memory, so that the original survives a daemon killed while managing: the next start
 * restores it ({@link #recoverLeftover}) before anything else. A resolv.conf that another program (a DHCP client,
 * NetworkManager) wrote meanwhile is theirs: it becomes the new original, and is never overwritten by an old copy.
 */
public final class ResolvConfFile implements SystemDns {

    public static final Path DEFAULT = Path.of("/etc/resolv.conf");

    private final Path file;
    private final Path backup;
    /** The file as it was before the daemon's first change; {@code null} while the daemon has changed nothing. */
    private volatile Original original;
    private SystemDnsSettings settings;
    private String written;

    /**
     * @param file the resolv.conf to manage, {@link #DEFAULT} outside tests
     * @param backup where its original is kept while managed
     */
    public ResolvConfFile(Path file, Path backup) {
        this.file = file;
        this.backup = backup;
    }

    /**
     * Puts back an original that a daemon kept but did not get to restore (it was killed).
     *
     * @return what was done, for the log; empty when there was nothing to do
     */
    public Optional<String> recoverLeftover() throws IOException {
        Optional<Original> left = StateFiles.read(backup, Original.class);
        if (left.isEmpty()) {
            return Optional.empty();
        }
        original = left.get();
        return Optional.of(putBack());
    }

    @Override
    public void apply(SystemDnsSettings settings, boolean namesChanged) throws IOException {
        if (original == null) {
            Original found = Original.read(file);
            if (found.kind() == Kind.FILE && ResolvConf.isOurs(found.text())) {
                throw new IOException(file + " holds a resolv.conf Netloom wrote but " + backup + " no original to "
                        + "put back later; not changed (restore " + file + " by hand)");
            }
            StateFiles.write(backup, found);
            original = found;
        }
        this.settings = settings;
        writeIfChanged();
    }

    @Override
    public void restore() throws IOException {
        if (original != null) {
            putBack();
        }
    }

    @Override
    public boolean recheck() throws IOException {
        if (original == null || settings == null) {
            return false;
        }
        String current = regularFileText(file);
        if (current != null && current.equals(written)) {
            return false;
        }
        Original found = Original.read(file);
        if (found.kind() == Kind.FILE && ResolvConf.isOurs(found.text())) {
            writeIfChanged();
            return false;
        }
        // Another program wrote its configuration: that is what the system has without the daemon now.
        StateFiles.write(backup, found);
        original = found;
        written = null;
        writeIfChanged();
        return true;
    }

    @Override
    public List<InetSocketAddress> originalResolvers() {
        String text = original != null ? original.text() : currentText();
        if (text == null || ResolvConf.isOurs(text)) {
            return List.of();
        }
        List<InetSocketAddress> resolvers = new ArrayList<>();
        for (String server : ResolvConf.parse(text).nameservers()) {
            try {
                // A scope ("fe80::1%eth0") names an interface of this host; the address alone is what IpLiterals reads.
                String address = server.contains("%") ? server.substring(0, server.indexOf('%')) : server;
                resolvers.add(new InetSocketAddress(IpLiterals.parse(address), 53));
            } catch (IllegalArgumentException e) {
                // not an address glibc could use either
            }
        }
        return List.copyOf(resolvers);
    }

    @Override
    public String describe() {
        return original != null ? "resolv.conf " + file + " (its original kept in " + backup + ")"
                : "resolv.conf " + file + " (unchanged)";
    }

    private void writeIfChanged() throws IOException {
        String content = ResolvConf.parse(original.text() == null ? "" : original.text())
                .render(settings.resolver(), settings.searchDomains(), List.of("The original is kept in " + backup
                        + " until then."));
        if (content.equals(written) && content.equals(regularFileText(file))) {
            return;
        }
        write(file, content.getBytes(StandardCharsets.UTF_8));
        written = content;
    }

    /** Puts the original back if the file is still the daemon's, and forgets it either way. */
    private String putBack() throws IOException {
        Path target = Path.of(original.path());
        String current = regularFileText(target);
        String done;
        if (current != null && ResolvConf.isOurs(current)) {
            switch (original.kind()) {
                case FILE -> write(target, original.content());
                case SYMLINK -> {
                    Files.delete(target);
                    Files.createSymbolicLink(target, Path.of(original.symlinkTarget()));
                }
                case ABSENT -> Files.delete(target);
            }
            done = "put back the original " + target;
        } else {
            done = target + " was replaced by another program since Netloom changed it; left as it is";
        }
        Files.deleteIfExists(backup);
        original = null;
        written = null;
        return done;
    }

    /**
     * Writes in place, keeping the file's inode, mode and owner: a resolv.conf bind-mounted into a container or a
     * network namespace ({@code ip netns exec}) cannot be replaced by a rename. A symbolic link (to a file some other
     * program manages) is replaced by a file of the daemon's own.
     */
    private static void write(Path target, byte[] content) throws IOException {
        if (Files.isSymbolicLink(target) || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(target);
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        }
        Files.write(target, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private String currentText() {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String regularFileText(Path path) throws IOException {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    }

    /** What resolv.conf was: a file (its bytes), a symbolic link (its target) or nothing. */
    enum Kind {
        @JsonProperty("file") FILE,
        @JsonProperty("symlink") SYMLINK,
        @JsonProperty("absent") ABSENT
    }

    /** The kept original, as the state directory holds it. */
    record Original(
            @JsonProperty("path") String path,
            @JsonProperty("kind") Kind kind,
            @JsonProperty("symlink_target") String symlinkTarget,
            @JsonProperty("content") byte[] content) {

        static Original read(Path file) throws IOException {
            if (Files.isSymbolicLink(file)) {
                Path target = Files.readSymbolicLink(file);
                byte[] through = Files.exists(file) ? Files.readAllBytes(file) : null;
                return new Original(file.toString(), Kind.SYMLINK, target.toString(), through);
            }
            if (!Files.exists(file)) {
                return new Original(file.toString(), Kind.ABSENT, null, null);
            }
            return new Original(file.toString(), Kind.FILE, null, Files.readAllBytes(file));
        }

        /** The text of the file (through a link, what it pointed at), or {@code null}. */
        String text() {
            return content == null ? null : new String(content, StandardCharsets.UTF_8);
        }
    }
}
