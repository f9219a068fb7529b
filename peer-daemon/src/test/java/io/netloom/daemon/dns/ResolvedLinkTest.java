package io.netloom.daemon.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd-resolved driven through a scripted {@code resolvectl}, and the choice between it and resolv.conf. */
class ResolvedLinkTest {

    @TempDir
    Path directory;
    private FakeResolvectl resolvectl;
    private Path uplinks;
    private ResolvedLink link;

    @BeforeEach
    void link() throws IOException {
        resolvectl = new FakeResolvectl(directory);
        uplinks = directory.resolve("uplinks-resolv.conf");
        Files.writeString(uplinks, "nameserver 198.18.0.1\nnameserver 100.64.0.1\nsearch office.example\n");
        link = new ResolvedLink(resolvectl.executable.toString(), "wt0", uplinks);
    }

    @Test
    void applyWhenMatchDomainsOnlyThenRoutingDomainsAndNoDefaultRoute() throws IOException {
        link.apply(settings(false), true);

        assertThat(resolvectl.calls()).containsExactly("dns wt0 100.64.0.1",
                "domain wt0 netloom.internal ~corp.example ~lab.example", "default-route wt0 no", "flush-caches");
    }

    @Test
    void applyWhenPrimaryGroupThenEveryNameThroughTheLink() throws IOException {
        link.apply(settings(true), false);

        assertThat(resolvectl.calls()).contains("domain wt0 netloom.internal ~corp.example ~lab.example ~.",
                "default-route wt0 yes").doesNotContain("flush-caches");
    }

    @Test
    void applyWhenNothingChangedThenOnlyTheCacheFlushedIfNamesDid() throws IOException {
        link.apply(settings(false), true);
        resolvectl.calls();

        link.apply(settings(false), false);
        assertThat(resolvectl.calls()).isEmpty();
        link.apply(settings(false), true);
        assertThat(resolvectl.calls()).containsExactly("flush-caches");
    }

    @Test
    void recheckWhenResolvedForgotTheLinkThenToldAgain() throws IOException {
        link.apply(settings(false), true);
        assertThat(link.recheck()).isFalse();
        resolvectl.calls();

        resolvectl.forgetLinks();
        link.recheck();

        assertThat(resolvectl.calls()).contains("dns wt0", "dns wt0 100.64.0.1", "default-route wt0 no");
    }

    @Test
    void recheckWhenEverythingStillSetThenOnlyLookedAt() throws IOException {
        link.apply(settings(false), true);
        resolvectl.calls();

        link.recheck();

        assertThat(resolvectl.calls()).containsExactly("dns wt0", "domain wt0", "default-route wt0");
    }

    @Test
    void recheckWhenAnotherServerOnlyContainsOursThenToldAgain() throws IOException {
        link.apply(settings(false), true);
        resolvectl.set("dns", "100.64.0.10");

        link.recheck();

        assertThat(resolvectl.calls()).contains("dns wt0 100.64.0.1");
    }

    @Test
    void recheckWhenTheDomainsOrTheDefaultRouteChangedThenToldAgain() throws IOException {
        link.apply(settings(false), true);
        resolvectl.set("domain", "netloom.internal");
        link.recheck();
        assertThat(resolvectl.calls()).contains("domain wt0 netloom.internal ~corp.example ~lab.example");

        resolvectl.set("default-route", "yes");
        link.recheck();
        assertThat(resolvectl.calls()).contains("default-route wt0 no");
    }

    @Test
    void valuesThenWhatResolvectlShowsAfterTheLinkName() {
        assertThat(ResolvedLink.values("Link 3 (nlt0): netbird.cloud ~corp.example ~.\n"))
                .containsExactly("netbird.cloud", "~corp.example", "~.");
        assertThat(ResolvedLink.values("Link 3 (nlt0):\n")).isEmpty();
        assertThat(ResolvedLink.values("something else\n")).isEmpty();
    }

    @Test
    void restoreThenRevertedOnceAndNotAgain() throws IOException {
        link.restore();
        assertThat(resolvectl.calls()).as("nothing applied yet").isEmpty();
        link.apply(settings(false), true);
        resolvectl.calls();

        link.restore();
        link.restore();

        assertThat(resolvectl.calls()).containsExactly("revert wt0");
    }

    @Test
    void originalResolversThenTheUplinksServersWithoutTheResolverItself() {
        assertThat(link.originalResolvers()).contains(new InetSocketAddress("198.18.0.1", 53));
        // The resolver's own address is filtered where the table is made (DnsTables), whoever lists it.
        assertThat(DnsTables.of(TestDns.map(List.of(), List.of(), List.of(), List.of()), TestDns.SELF,
                link.originalResolvers()).system().servers()).containsExactly(new InetSocketAddress("198.18.0.1", 53));
    }

    @Test
    void chooseWhenResolvConfNamesTheStubAndResolvedAnswersThenResolvedElseTheFile() throws IOException {
        Path resolvConf = directory.resolve("resolv.conf");
        ResolvConfFile file = new ResolvConfFile(resolvConf, directory.resolve("backup.json"));
        Files.writeString(resolvConf, "nameserver 127.0.0.53\noptions edns0\n");
        Optional<Path> tool = Optional.of(resolvectl.executable);

        assertThat(SystemDnsChoice.choose(file, resolvConf, tool, "wt0", uplinks)).isInstanceOf(ResolvedLink.class);
        assertThat(SystemDnsChoice.choose(file, resolvConf, Optional.empty(), "wt0", uplinks)).isSameAs(file);
        Files.writeString(resolvConf, "nameserver 198.18.0.1\n");
        assertThat(SystemDnsChoice.choose(file, resolvConf, tool, "wt0", uplinks)).isSameAs(file);
        Files.writeString(resolvConf, "nameserver 127.0.0.53\n");
        resolvectl.stopResolved();
        assertThat(SystemDnsChoice.choose(file, resolvConf, tool, "wt0", uplinks)).isSameAs(file);
    }

    @Test
    void onPathThenTheFirstExecutableOfThatName() throws IOException {
        Path empty = Files.createDirectory(directory.resolve("empty"));

        assertThat(SystemDnsChoice.onPath("resolvectl", empty + "::" + directory)).contains(resolvectl.executable);
        assertThat(SystemDnsChoice.onPath("resolvectl", empty.toString())).isEmpty();
        assertThat(SystemDnsChoice.onPath("resolvectl", null)).isEmpty();
    }

    private static SystemDnsSettings settings(boolean everything) throws IOException {
        return new SystemDnsSettings(InetAddress.getByName("100.64.0.1"), List.of("netloom.internal"),
                List.of("netloom.internal", "corp.example", "lab.example"), everything);
    }
}
