package io.netloom.daemon.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The managed resolv.conf in a temporary directory: taken over, put back exactly, recovered after a crash. */
class ResolvConfFileTest {

    /** An original with what a byte-for-byte restore must keep: comments, odd spacing, no final newline. */
    private static final byte[] ORIGINAL = ("# from DHCP\nsearch  office.example\t\nnameserver 198.18.0.1\n"
            + "nameserver 198.18.0.2\nnameserver 198.18.0.3\noptions edns0 rotate trust-ad\noptions rotate\n"
            + "sortlist 198.18.0.0/16\n"
            + "; trailing comment without newline").getBytes(StandardCharsets.UTF_8);
    private static final SystemDnsSettings SETTINGS = settings("netloom.internal", "lab.example");

    @TempDir
    Path directory;
    private Path file;
    private Path backup;

    @BeforeEach
    void original() throws IOException {
        file = directory.resolve("resolv.conf");
        backup = directory.resolve("state").resolve("resolv.conf.original.json");
        Files.createDirectories(backup.getParent());
        Files.write(file, ORIGINAL);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void applyThenRestoreThenTheSameBytesInTheSameFileWithItsMode() throws IOException {
        Object inode = Files.readAttributes(file, "unix:ino").get("ino");
        ResolvConfFile managed = new ResolvConfFile(file, backup);

        managed.apply(SETTINGS, true);
        assertThat(Files.readString(file)).startsWith(ResolvConf.MARKER);
        assertThat(backup).exists();

        managed.restore();

        assertThat(Files.readAllBytes(file)).isEqualTo(ORIGINAL);
        assertThat(Files.readAttributes(file, "unix:ino").get("ino")).as("written in place").isEqualTo(inode);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(backup).doesNotExist();
    }

    @Test
    void applyThenOwnResolverFirstTheOriginalsAfterItSearchDomainsMeshFirstAndNoRotation() throws IOException {
        new ResolvConfFile(file, backup).apply(SETTINGS, true);

        List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.startsWith("#")).toList();

        assertThat(lines).containsExactly("search netloom.internal lab.example office.example",
                "nameserver 100.64.0.1", "nameserver 198.18.0.1", "nameserver 198.18.0.2", "options edns0 trust-ad",
                "sortlist 198.18.0.0/16");
    }

    @Test
    void originalResolversWhenManagedOrNotThenTheOriginalsNameservers() throws IOException {
        ResolvConfFile managed = new ResolvConfFile(file, backup);
        List<InetSocketAddress> expected = List.of(new InetSocketAddress("198.18.0.1", 53),
                new InetSocketAddress("198.18.0.2", 53), new InetSocketAddress("198.18.0.3", 53));

        assertThat(managed.originalResolvers()).isEqualTo(expected);
        managed.apply(SETTINGS, true);
        assertThat(managed.originalResolvers()).isEqualTo(expected);
    }

    @Test
    void applyWhenSettingsChangeThenRewrittenAndTheOriginalStaysTheFirstOne() throws IOException {
        ResolvConfFile managed = new ResolvConfFile(file, backup);
        managed.apply(SETTINGS, true);

        managed.apply(settings("netloom.internal"), true);

        assertThat(Files.readString(file)).contains("search netloom.internal office.example\n");
        managed.restore();
        assertThat(Files.readAllBytes(file)).isEqualTo(ORIGINAL);
    }

    @Test
    void recoverLeftoverWhenADaemonWasKilledWhileManagingThenTheOriginalIsBack() throws IOException {
        new ResolvConfFile(file, backup).apply(SETTINGS, true); // and then killed: nothing restored

        ResolvConfFile next = new ResolvConfFile(file, backup);

        assertThat(next.recoverLeftover()).hasValueSatisfying(done -> assertThat(done).contains("put back"));
        assertThat(Files.readAllBytes(file)).isEqualTo(ORIGINAL);
        assertThat(backup).doesNotExist();
        assertThat(next.recoverLeftover()).isEmpty();
    }

    @Test
    void recoverLeftoverWhenKilledBetweenKeepingTheOriginalAndWritingThenTheFileIsLeftAlone() throws IOException {
        new ResolvConfFile(file, backup).apply(SETTINGS, true);
        Files.write(file, ORIGINAL); // as if the daemon died after keeping the original, before writing its own

        assertThat(new ResolvConfFile(file, backup).recoverLeftover()).isPresent();

        assertThat(Files.readAllBytes(file)).isEqualTo(ORIGINAL);
        assertThat(backup).doesNotExist();
    }

    @Test
    void recheckWhenAnotherProgramRewroteItThenTheirsIsTheNewOriginalAndIsWhatRestoreBringsBack() throws IOException {
        ResolvConfFile managed = new ResolvConfFile(file, backup);
        managed.apply(SETTINGS, true);
        assertThat(managed.recheck()).as("nothing changed").isFalse();
        byte[] renewed = "nameserver 198.18.7.7\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, renewed);

        assertThat(managed.recheck()).isTrue();

        assertThat(Files.readString(file)).startsWith(ResolvConf.MARKER).contains("nameserver 198.18.7.7");
        assertThat(managed.originalResolvers()).containsExactly(new InetSocketAddress("198.18.7.7", 53));
        managed.restore();
        assertThat(Files.readAllBytes(file)).isEqualTo(renewed);
    }

    @Test
    void restoreWhenAnotherProgramRewroteItSinceThenTheirsIsLeftAsItIs() throws IOException {
        ResolvConfFile managed = new ResolvConfFile(file, backup);
        managed.apply(SETTINGS, true);
        Files.writeString(file, "nameserver 198.18.7.7\n");

        managed.restore();

        assertThat(Files.readString(file)).isEqualTo("nameserver 198.18.7.7\n");
        assertThat(backup).doesNotExist();
    }

    @Test
    void applyWhenASymbolicLinkThenReplacedByAFileAndTheLinkComesBack() throws IOException {
        Path elsewhere = directory.resolve("stub-resolv.conf");
        Files.move(file, elsewhere);
        Files.createSymbolicLink(file, elsewhere);
        ResolvConfFile managed = new ResolvConfFile(file, backup);

        managed.apply(SETTINGS, true);
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readAllBytes(elsewhere)).as("the link's target untouched").isEqualTo(ORIGINAL);
        assertThat(managed.originalResolvers()).hasSize(3);

        new ResolvConfFile(file, backup).recoverLeftover();

        assertThat(Files.isSymbolicLink(file)).isTrue();
        assertThat(Files.readSymbolicLink(file)).isEqualTo(elsewhere);
    }

    @Test
    void applyWhenNoResolvConfThenOneIsWrittenAndRemovedAgain() throws IOException {
        Files.delete(file);
        ResolvConfFile managed = new ResolvConfFile(file, backup);

        managed.apply(SETTINGS, true);
        assertThat(Files.readString(file)).contains("nameserver 100.64.0.1");

        managed.restore();
        assertThat(Files.exists(file, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void applyWhenTheFileIsNetloomsButNoOriginalIsKeptThenRefusedAndUntouched() throws IOException {
        String orphan = ResolvConf.MARKER + "\nnameserver 100.64.0.9\n";
        Files.writeString(file, orphan);

        assertThatThrownBy(() -> new ResolvConfFile(file, backup).apply(SETTINGS, true))
                .hasMessageContaining("no original to put back");

        assertThat(Files.readString(file)).isEqualTo(orphan);
        assertThat(backup).doesNotExist();
    }

    private static SystemDnsSettings settings(String... search) {
        try {
            return new SystemDnsSettings(InetAddress.getByName("100.64.0.1"), List.of(search), List.of(), false);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
