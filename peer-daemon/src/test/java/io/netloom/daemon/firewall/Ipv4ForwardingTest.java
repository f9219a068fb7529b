package io.netloom.daemon.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The switch is a plain file here; {@code RoutingPeerForwardingTest} flips the kernel's in a namespace. */
class Ipv4ForwardingTest {

    @TempDir
    Path directory;
    private Path sysctl;
    private Path before;

    @BeforeEach
    void forwardingOff() throws IOException {
        sysctl = Files.writeString(directory.resolve("ip_forward"), "0\n");
        before = directory.resolve("ip-forward-before");
    }

    @Test
    void enableWhenForwardingWasOffThenTurnsItOnAndRestoreTurnsItOff() throws IOException {
        Ipv4Forwarding forwarding = new Ipv4Forwarding(sysctl, before);

        forwarding.enable();
        assertThat(Files.readString(sysctl)).isEqualTo("1\n");

        forwarding.restore();
        assertThat(Files.readString(sysctl)).isEqualTo("0\n");
        assertThat(before).doesNotExist();
    }

    @Test
    void enableWhenCalledTwiceThenRestoreStillPutsBackTheFirstValue() throws IOException {
        Ipv4Forwarding forwarding = new Ipv4Forwarding(sysctl, before);

        forwarding.enable();
        forwarding.enable();
        forwarding.restore();

        assertThat(Files.readString(sysctl)).isEqualTo("0\n");
    }

    @Test
    void restoreWhenForwardingWasAlreadyOnThenLeavesItOn() throws IOException {
        Files.writeString(sysctl, "1\n");
        Ipv4Forwarding forwarding = new Ipv4Forwarding(sysctl, before);

        forwarding.enable();
        forwarding.restore();

        assertThat(Files.readString(sysctl)).isEqualTo("1\n");
    }

    @Test
    void restoreWhenAKilledDaemonLeftForwardingOnThenTheNextOnePutsItBack() throws IOException {
        new Ipv4Forwarding(sysctl, before).enable();

        new Ipv4Forwarding(sysctl, before).restore();

        assertThat(Files.readString(sysctl)).isEqualTo("0\n");
        assertThat(before).doesNotExist();
    }

    @Test
    void restoreWhenNothingWasEnabledThenLeavesTheSwitchAlone() throws IOException {
        Files.writeString(sysctl, "1\n");

        new Ipv4Forwarding(sysctl, before).restore();

        assertThat(Files.readString(sysctl)).isEqualTo("1\n");
    }

    @Test
    void restoreWhenTheKeptValueIsGarbageThenFailsAndWritesNothing() throws IOException {
        Files.writeString(sysctl, "1\n");
        Files.writeString(before, "1\nnet.ipv4.conf.all.rp_filter=0\n");

        assertThatThrownBy(() -> new Ipv4Forwarding(sysctl, before).restore())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not 0 or 1");
        assertThat(Files.readString(sysctl)).isEqualTo("1\n");
    }
}
