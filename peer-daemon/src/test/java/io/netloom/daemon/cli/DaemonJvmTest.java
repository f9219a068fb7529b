package io.netloom.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonJvmTest {

    private static final DaemonJvm.ClassArchive NEW_ARCHIVE = new DaemonJvm.ClassArchive("/state/jvm/daemon-1.jsa", false);
    private static final DaemonJvm.ClassArchive WRITTEN_ARCHIVE = new DaemonJvm.ClassArchive("/state/jvm/daemon-1.jsa", true);

    @Test
    void optionsWhenTheCallerChoseNothingThenTheDefaultCompilerSerialGcAndAnArchiveToWrite() {
        assertThat(DaemonJvm.options(List.of("-Xmx128m"), NEW_ARCHIVE)).containsExactly(
                "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:ArchiveClassesAtExit=/state/jvm/daemon-1.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    @Test
    void optionsWhenAnEarlierDaemonWroteTheArchiveThenItIsMapped() {
        assertThat(DaemonJvm.options(List.of(), WRITTEN_ARCHIVE))
                .contains("-XX:SharedArchiveFile=/state/jvm/daemon-1.jsa")
                .noneMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit"));
    }

    @Test
    void optionsWhenTheCallerChoseCompilerCollectorAndSharingThenTheirsAreKeptAlone() {
        List<String> caller = List.of("-XX:-TieredCompilation", "-XX:+UseG1GC", "-Xshare:off");

        assertThat(DaemonJvm.options(caller, WRITTEN_ARCHIVE)).containsExactlyElementsOf(caller);
    }

    @Test
    void optionsWhenNotRunFromASingleJarThenNoArchive() {
        assertThat(DaemonJvm.options(List.of(), null))
                .containsExactly("-XX:+UseSerialGC");
    }
}
