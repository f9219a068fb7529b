package io.netloom.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's container image as `mvn verify` builds it (command-api/target/jib-image.tar, Jib on the Debian base of
 * ops/ci/base-image.sh; ADR 0051), checked without a Docker daemon: its config through skopeo, and its own java
 * started from the unpacked layers in a chroot as the image's user, on the image's entrypoint.
 */
class ContainerImageTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path IMAGE = REPOSITORY.resolve("command-api/target/jib-image.tar");
    private static final Path SERVER_JAR = REPOSITORY.resolve("command-api/target/netloom-server.jar");
    private static final Path ROOTFS = REPOSITORY.resolve("ops/target/container-image/rootfs");
    private static final String DATA = "/var/lib/netloom";

    private static JsonNode config;
    private static List<List<String>> layers;

    @BeforeAll
    static void unpack() throws Exception {
        requireImage();
        ImageArchive archive = new ImageArchive(IMAGE);
        config = archive.config();
        removeRootfs();
        Files.createDirectories(ROOTFS);
        layers = archive.unpackInto(ROOTFS);
    }

    @AfterAll
    static void removeRootfs() {
        // rm rather than a walk in Java: the tree holds absolute symbolic links into itself, and half a gigabyte.
        if (Files.exists(ROOTFS)) {
            Command.run(List.of("rm", "-rf", "--one-file-system", ROOTFS.toString()), 60).checked();
        }
    }

    @Test
    void theEntrypointStartsTheMainClassOfTheServerJar() throws Exception {
        List<String> entrypoint = strings(config.at("/config/Entrypoint"));
        String startClass;
        try (JarFile jar = new JarFile(SERVER_JAR.toFile())) {
            startClass = jar.getManifest().getMainAttributes().getValue("Start-Class");
        }
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).last().isEqualTo(startClass);
        assertThat(entrypoint).containsSubsequence("-cp", "@/app/jib-classpath-file");
        // The arguments are those of `java -jar`: nothing after the main class, so `--name=value` pass through.
        assertThat(config.at("/config/Cmd").isMissingNode() || config.at("/config/Cmd").isNull()).isTrue();
    }

    @Test
    void runsAsUid1000WhichOwnsTheDataDirectory() throws Exception {
        assertThat(config.at("/config/User").asText()).isEqualTo("1000:1000");
        assertThat(Files.readAllLines(ROOTFS.resolve("etc/passwd")))
                .anyMatch(line -> line.startsWith("netloom:x:1000:1000:"));
        assertThat(Files.getAttribute(ROOTFS.resolve(DATA.substring(1)), "unix:uid")).isEqualTo(1000);
    }

    @Test
    void exposesTheApiTheGatewayAndTheManagementPort() {
        List<String> ports = new ArrayList<>();
        config.at("/config/ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactlyInAnyOrder("8080/tcp", "33080/tcp", "8081/tcp");
    }

    @Test
    void worksInTheDataDirectoryWhichIsAVolume() {
        assertThat(config.at("/config/WorkingDir").asText()).isEqualTo(DATA);
        assertThat(config.at("/config/Volumes").has(DATA)).isTrue();
    }

    @Test
    void keepsDependenciesAndTheServersClassesInLayersOfTheirOwn() throws Exception {
        List<String> history = StreamSupport.stream(config.get("history").spliterator(), false)
                .map(entry -> entry.path("comment").asText()).toList();
        assertThat(history).contains("dependencies", "resources", "classes");

        String mainClass = "app/classes/io/netloom/server/NetloomServer.class";
        int classesLayer = layerHolding(mainClass);
        int springLayer = layerHolding("app/libs/spring-core-");
        assertThat(classesLayer).isGreaterThan(springLayer);
        // A code change rebuilds only the small top layer: the classes layer holds no library.
        assertThat(layers.get(classesLayer)).noneMatch(path -> path.endsWith(".jar"));
        // ... and it holds this build's classes.
        assertThat(ROOTFS.resolve(mainClass)).hasSameBinaryContentAs(
                REPOSITORY.resolve("command-api/target/classes/io/netloom/server/NetloomServer.class"));
    }

    @Test
    void theImagesJavaLoadsTheServerOnTheEntrypointsClassPath() {
        String user = config.at("/config/User").asText();
        List<String> entrypoint = strings(config.at("/config/Entrypoint"));
        List<String> java = new ArrayList<>(entrypoint);
        // --dry-run: the JVM starts and loads and links the main class from the class path file, then exits.
        java.add(1, "--dry-run");

        Command version = Command.run(inImage(user, List.of("java", "-version")), 60);
        assertThat(version.checked()).contains("openjdk version \"17.");
        Command dryRun = Command.run(inImage(user, java), 60);
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();

        List<String> wrongMain = new ArrayList<>(java);
        wrongMain.set(wrongMain.size() - 1, "io.netloom.server.NoSuchServer");
        Command missing = Command.run(inImage(user, wrongMain), 60);
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("ClassNotFoundException");
    }

    /**
     * {@code command} run in the unpacked image as {@code user}, in its working directory with only its environment,
     * in a PID and mount namespace of its own with /proc mounted: the dynamic linker finds java's libraries relative
     * to /proc/self/exe.
     */
    private static List<String> inImage(String user, List<String> command) {
        List<String> full = new ArrayList<>(List.of("unshare", "--fork", "--pid", "--mount",
                "--mount-proc=" + ROOTFS.resolve("proc"), "chroot", "--userspec=" + user, ROOTFS.toString(),
                "/usr/bin/env", "-i", "-C", config.at("/config/WorkingDir").asText()));
        full.addAll(strings(config.at("/config/Env")));
        full.addAll(command);
        return full;
    }

    private static int layerHolding(String pathPrefix) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).stream().anyMatch(path -> path.replaceFirst("^\\./", "").startsWith(pathPrefix))) {
                return i;
            }
        }
        throw new AssertionError("no layer holds " + pathPrefix);
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /**
     * Without the image (no base from ops/ci/base-image.sh, so no Jib run), skopeo or root (chroot, namespaces) the
     * test is skipped; under CI=true it fails, so a broken install step cannot pass as a skipped test.
     */
    private static void requireImage() {
        String missing = !Files.isRegularFile(IMAGE) ? IMAGE + " (run ops/ci/base-image.sh, then mvn verify)"
                : !Files.isRegularFile(SERVER_JAR) ? SERVER_JAR.toString()
                : Command.run(List.of("sh", "-c", "command -v skopeo"), 10).exitCode() != 0 ? "skopeo (apt-get install skopeo)"
                : !"root".equals(System.getProperty("user.name")) ? "root, for chroot and namespaces"
                : null;
        if (missing != null && "true".equals(System.getenv("CI"))) {
            Assertions.fail("CI=true and the container image test cannot run: needs " + missing);
        }
        Assumptions.assumeTrue(missing == null, () -> "needs " + missing);
    }
}
