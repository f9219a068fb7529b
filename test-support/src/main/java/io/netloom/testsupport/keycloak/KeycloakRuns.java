package io.netloom.testsupport.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory beside the distribution where test JVMs keep the homes of the Keycloaks they run: one directory per
 * owning JVM, {@code owner-<pid>-<start>}, a {@code home-<port>} per Keycloak in it. The test JVMs of several
 * modules run at the same time ({@code mvn -T 2}), so a JVM writes only in its own directory and sweeps only those
 * whose owner is gone (ADR 0062).
 */
final class KeycloakRuns {

    /** In each home: the pid of the watchdog that leads the Keycloak's process group. */
    static final String PID_FILE = "keycloak.pid";

    private final Path root;

    KeycloakRuns(Path root) {
        this.root = root;
    }

    static KeycloakRuns beside(KeycloakDistribution distribution) {
        return new KeycloakRuns(distribution.home().getParent().resolve("keycloak-runs"));
    }

    /**
     * A Keycloak home of this JVM's own. Copied: kc.sh (it takes its home from where it lies), conf, and
     * lib/quarkus, the only part of the distribution that start-dev writes (it re-augments the production build
     * into a dev build there), with quarkus-run.jar beside it, where Quarkus looks for it. Linked: the 170 MB that
     * are only read (lib/lib, lib/app, themes, providers). Keycloak makes the data directory itself.
     */
    Path newHome(KeycloakDistribution distribution, int port) throws IOException {
        Path home = root.resolve(Owner.of(ProcessHandle.current()).directoryName()).resolve("home-" + port);
        Path from = distribution.home();
        deleteTree(home);
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(from.resolve("bin/kc.sh"), home.resolve("bin/kc.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        copyTree(from.resolve("conf"), home.resolve("conf"));
        Files.copy(from.resolve("lib/quarkus-run.jar"), home.resolve("lib/quarkus-run.jar"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Path devBuild = keptDevBuild(distribution);
        copyTree(Files.isDirectory(devBuild) ? devBuild : from.resolve("lib/quarkus"), home.resolve("lib/quarkus"));
        for (String shared : List.of("lib/lib", "lib/app", "themes", "providers", "version.txt")) {
            Files.createSymbolicLink(home.resolve(shared), from.resolve(shared));
        }
        return home;
    }

    /**
     * Keeps the dev build of a Keycloak that answers for the homes made after it, which then start without the
     * augmentation (about 30 s of a 60 s start). Keycloak itself checks that a build fits its options and builds
     * anew in its own copy when it does not. The kept build appears in one rename, whole, and only the first one
     * is kept, so no home copies half a build.
     */
    void keepDevBuild(KeycloakDistribution distribution, Path home) {
        Path kept = keptDevBuild(distribution);
        if (Files.isDirectory(kept)) {
            return;
        }
        Path staging = home.resolveSibling(home.getFileName() + "-dev-build");
        try {
            copyTree(home.resolve("lib/quarkus"), staging);
            Files.move(staging, kept, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException keptByAnotherJvmMeanwhile) {
            try {
                deleteTree(staging);
            } catch (IOException | UncheckedIOException e) {
                // the sweep removes it with the rest of this JVM's runs
            }
        }
    }

    /** Named by version: an earlier version's build, left in the same target, must not start a newer Keycloak. */
    private Path keptDevBuild(KeycloakDistribution distribution) {
        return root.resolve("dev-build-" + distribution.version());
    }

    /**
     * Stops and deletes the runs of test JVMs that are gone, which died before their shutdown hook ran (their
     * watchdogs normally stop their Keycloaks within a second): the watchdog that each pid file names, every
     * process started from such a run, and the run's directory. Runs of live JVMs are left alone.
     */
    void sweepLeftovers() throws IOException {
        Files.createDirectories(root);
        List<Path> gone;
        try (Stream<Path> directories = Files.list(root)) {
            gone = directories.filter(directory -> Owner.ofDirectory(directory).filter(owner -> !owner.alive())
                    .isPresent()).toList();
        }
        for (Path run : gone) {
            try {
                stopAndDelete(run);
            } catch (IOException | UncheckedIOException sweptByAnotherJvmMeanwhile) {
                // two JVMs that start at once both sweep the same leftovers; one of them deletes each file
            }
        }
    }

    private static void stopAndDelete(Path run) throws IOException {
        try (Stream<Path> pidFiles = Files.find(run, 2, (path, attributes) -> path.endsWith(PID_FILE))) {
            for (Path pidFile : pidFiles.toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                        .filter(handle -> handle.info().commandLine().orElse("").contains(KeycloakServer.WATCHDOG_NAME))
                        .ifPresent(handle -> KeycloakServer.stopGroup(handle.pid()));
            }
        }
        String marker = run + "/";
        ProcessHandle.allProcesses().filter(handle -> handle.info().commandLine().orElse("").contains(marker))
                .forEach(ProcessHandle::destroyForcibly);
        deleteTree(run);
    }

    /** Deletes a directory tree without following links (the linked parts belong to the distribution). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** A test JVM, told apart from a later process that got the same pid by the instant it started. */
    record Owner(long pid, Instant started) {

        private static final Pattern DIRECTORY = Pattern.compile("owner-(\\d+)-(\\d+)");
        /**
         * Each JVM derives a start instant from the boot time it read, which follows the wall clock (a second
         * apart when read at different moments); a process that got the pid later started after the test JVM that
         * had it ended, seconds after that one's start at the least.
         */
        private static final Duration SAME_START = Duration.ofSeconds(2);

        static Owner of(ProcessHandle process) {
            return new Owner(process.pid(), process.info().startInstant().orElse(Instant.EPOCH));
        }

        static Optional<Owner> ofDirectory(Path directory) {
            Matcher name = DIRECTORY.matcher(directory.getFileName().toString());
            if (!name.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Owner(Long.parseLong(name.group(1)),
                    Instant.ofEpochMilli(Long.parseLong(name.group(2)))));
        }

        String directoryName() {
            return "owner-" + pid + "-" + started.toEpochMilli();
        }

        /** True also for a live process whose start cannot be read: better a leftover than a stopped live run. */
        boolean alive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(Owner::of)
                    .filter(process -> Duration.between(started, process.started).abs().compareTo(SAME_START) <= 0
                            || process.started.equals(Instant.EPOCH))
                    .isPresent();
        }
    }
}
