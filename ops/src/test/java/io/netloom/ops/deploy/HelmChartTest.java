package io.netloom.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart of ops/deploy/helm/netloom (ADR 0051), linted strictly and rendered by Helm itself (helm-java's
 * bundled Helm, in process) for four sets of values (one of them three server processes in a cluster), and the
 * rendered objects checked as Kubernetes' types.
 */
class HelmChartTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path CHART = REPOSITORY.resolve("ops/deploy/helm/netloom");
    private static final Path VALUES = REPOSITORY.resolve("ops/src/test/resources/helm");
    private static final String DEFAULTS = "";
    private static final String EXTERNAL_DATABASE = "external-database-and-tls.yaml";
    private static final String WITHOUT_COTURN = "without-coturn.yaml";
    private static final String CLUSTER_OF_THREE = "cluster-of-three.yaml";

    // Spring Boot Actuator's probe groups on the management port (management.server.port).
    private static final int MANAGEMENT_PORT = 8081;
    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";
    /** Properties of Spring Boot itself the chart sets; every other one must be a setting README documents. */
    private static final Set<String> BOOT_PROPERTIES = Set.of("server.port", "management.server.port",
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password");

    private static final Map<String, RenderedChart> RENDERED = new ConcurrentHashMap<>();

    @Test
    void theChartPassesHelmsStrictLint() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {DEFAULTS, EXTERNAL_DATABASE, WITHOUT_COTURN})
    void theServicesSelectOnlyTheServersPodsOnPortsTheyName(String values) {
        RenderedChart chart = render(values);
        Deployment server = chart.deployment("server");
        Map<String, String> serverPod = server.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(chart.services()).extracting(service -> service.getMetadata().getName())
                .containsExactlyInAnyOrder("mesh-netloom-api", "mesh-netloom-gateway");
        for (Service service : chart.services()) {
            assertThat(serverPod).containsAllEntriesOf(service.getSpec().getSelector());
            chart.findDeployment("coturn").ifPresent(coturn -> assertThat(
                    coturn.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(service.getSpec().getSelector().entrySet()))
                    .as("%s must not select coturn's pod", service.getMetadata().getName()).isFalse());
        }
        assertThat(port(service(chart, "api"))).isEqualTo(containerPort(server, "api")).isEqualTo(8080);
        assertThat(port(service(chart, "gateway"))).isEqualTo(containerPort(server, "gateway")).isEqualTo(33080);
        assertThat(server.getSpec().getSelector().getMatchLabels()).isEqualTo(
                Map.of("app.kubernetes.io/name", "netloom", "app.kubernetes.io/instance", "mesh",
                        "app.kubernetes.io/component", "server"));
        assertThat(serverPod).containsAllEntriesOf(server.getSpec().getSelector().getMatchLabels());
    }

    @ParameterizedTest
    @ValueSource(strings = {DEFAULTS, EXTERNAL_DATABASE, WITHOUT_COTURN})
    void theProbesAskSpringBootsProbeGroupsOnTheManagementPort(String values) {
        Deployment server = render(values).deployment("server");
        Container container = serverContainer(server);
        assertThat(containerPort(server, "management")).isEqualTo(MANAGEMENT_PORT);
        assertThat(container.getArgs()).contains("--management.server.port=" + MANAGEMENT_PORT);

        assertThat(probe(server, container.getLivenessProbe())).isEqualTo(MANAGEMENT_PORT + LIVENESS);
        assertThat(probe(server, container.getReadinessProbe())).isEqualTo(MANAGEMENT_PORT + READINESS);
        assertThat(probe(server, container.getStartupProbe())).isEqualTo(MANAGEMENT_PORT + LIVENESS);
        // The replay at start may take minutes before liveness takes over.
        Probe startup = container.getStartupProbe();
        assertThat(startup.getFailureThreshold() * startup.getPeriodSeconds()).isGreaterThanOrEqualTo(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {DEFAULTS, EXTERNAL_DATABASE, WITHOUT_COTURN})
    void oneServerReplacedNeverTwoOnOneDatabase(String values) {
        RenderedChart chart = render(values);
        Deployment server = chart.deployment("server");
        assertThat(server.getSpec().getReplicas()).isEqualTo(1);
        assertThat(server.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(chart.statefulSets()).isEmpty();
        assertThat(service(chart, "api").getSpec().getSessionAffinity()).isNull();
    }

    @Test
    void threeReplicasAreAStatefulSetOfClusterMembersFoundByTheirStableNames() {
        RenderedChart chart = render(CLUSTER_OF_THREE);
        assertThat(chart.findDeployment("server")).isEmpty();
        StatefulSet server = chart.statefulSets().get(0);
        assertThat(chart.statefulSets()).hasSize(1);
        assertThat(server.getSpec().getReplicas()).isEqualTo(3);
        assertThat(server.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(server.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(server.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(server.getSpec().getSelector().getMatchLabels());

        // The headless Service names the pods: mesh-netloom-<n>.mesh-netloom-cluster.<namespace>.svc.cluster.local.
        Service members = service(chart, "cluster");
        assertThat(server.getSpec().getServiceName()).isEqualTo(members.getMetadata().getName())
                .isEqualTo("mesh-netloom-cluster");
        assertThat(members.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(members.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(server.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(members.getSpec().getSelector());
        PodSpec pod = server.getSpec().getTemplate().getSpec();
        Container container = serverContainer(pod);
        assertThat(port(members)).isEqualTo(containerPort(container, "cluster")).isEqualTo(5701);
        assertThat(container.getArgs()).contains("--netloom.cluster.name=mesh-netloom",
                "--netloom.cluster.host=$(POD_IP)", "--netloom.cluster.port=5701",
                "--netloom.cluster.members=mesh-netloom-0.mesh-netloom-cluster.netloom.svc.cluster.local:5701,"
                        + "mesh-netloom-1.mesh-netloom-cluster.netloom.svc.cluster.local:5701,"
                        + "mesh-netloom-2.mesh-netloom-cluster.netloom.svc.cluster.local:5701");
        assertThat(container.getEnv()).filteredOn(env -> env.getName().equals("POD_IP")).singleElement()
                .satisfies(env -> assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP"));
        assertThat(container.getEnv()).filteredOn(env -> env.getName().equals("POD_NAME")).singleElement()
                .satisfies(env -> assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name"));
    }

    @Test
    void threeReplicasShareTheKeysClaimAndEachHasItsOwnDataVolume() {
        StatefulSet server = render(CLUSTER_OF_THREE).statefulSets().get(0);
        PodSpec pod = server.getSpec().getTemplate().getSpec();
        Container container = serverContainer(pod);

        assertThat(container.getArgs()).contains("--netloom.keys-dir=/var/lib/netloom-keys",
                "--netloom.data-dir=/var/lib/netloom/netloom-data");
        assertThat(volume(pod, mountedAt(container, "/var/lib/netloom-keys")).getPersistentVolumeClaim().getClaimName())
                .isEqualTo("netloom-shared-keys");
        // The data volume is no pod volume but the claim template of the same name: one claim per pod.
        String data = mountedAt(container, "/var/lib/netloom");
        assertThat(pod.getVolumes()).extracting(Volume::getName).doesNotContain(data);
        assertThat(server.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(template -> {
            assertThat(template.getMetadata().getName()).isEqualTo(data);
            assertThat(template.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        });
        assertThat(render(CLUSTER_OF_THREE).claims()).isEmpty();
        // One certificate for all, as peers pin it.
        assertThat(volume(pod, mountedAt(container, "/etc/netloom/tls")).getSecret().getSecretName())
                .isEqualTo("netloom-tls");
        assertThat(container.getVolumeMounts()).filteredOn(mount -> !Boolean.TRUE.equals(mount.getReadOnly()))
                .extracting(VolumeMount::getMountPath)
                .containsExactlyInAnyOrder("/var/lib/netloom", "/tmp", "/var/lib/netloom-keys");
    }

    @Test
    void threeReplicasTellPeersEveryGatewayTheirOwnPodsFirstEachBehindItsService() {
        RenderedChart chart = render(CLUSTER_OF_THREE);
        StatefulSet server = chart.statefulSets().get(0);
        Container container = serverContainer(server.getSpec().getTemplate().getSpec());

        assertThat(container.getArgs()).contains("--netloom.gateway.urls=wss://$(POD_NAME).vpn.example.org:33080/v2/peer,"
                + "wss://mesh-netloom-0.vpn.example.org:33080/v2/peer,wss://mesh-netloom-1.vpn.example.org:33080/v2/peer,"
                + "wss://mesh-netloom-2.vpn.example.org:33080/v2/peer");
        for (int pod = 0; pod < 3; pod++) {
            Service gateway = service(chart, "gateway-" + pod);
            assertThat(gateway.getSpec().getType()).isEqualTo("LoadBalancer");
            assertThat(gateway.getSpec().getSelector())
                    .containsEntry("statefulset.kubernetes.io/pod-name", "mesh-netloom-" + pod)
                    .containsAllEntriesOf(server.getSpec().getSelector().getMatchLabels());
            assertThat(port(gateway)).isEqualTo(containerPort(container, "gateway"));
        }
        assertThat(chart.services()).extracting(service -> service.getMetadata().getName())
                .containsExactlyInAnyOrder("mesh-netloom-api", "mesh-netloom-gateway", "mesh-netloom-cluster",
                        "mesh-netloom-gateway-0", "mesh-netloom-gateway-1", "mesh-netloom-gateway-2");
    }

    @Test
    void threeReplicasKeepABrowserOnOnePodAndAllButOneThroughADrain() {
        RenderedChart chart = render(CLUSTER_OF_THREE);
        Service api = service(chart, "api");
        assertThat(api.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
        assertThat(api.getSpec().getSessionAffinityConfig().getClientIP().getTimeoutSeconds()).isEqualTo(1800);

        PodDisruptionBudget budget = chart.disruptionBudgets().get(0);
        assertThat(chart.disruptionBudgets()).hasSize(1);
        assertThat(budget.getSpec().getMaxUnavailable()).isNull();
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .isEqualTo(chart.statefulSets().get(0).getSpec().getSelector().getMatchLabels());
    }

    @Test
    void aClusterWithoutExternalDatabaseCertificateOrKeysClaimIsRefused() {
        assertThatThrownBy(new Helm(CHART).template().withName("mesh").set("replicaCount", "3")
                .set("coturn.enabled", "false")::call).hasMessageContaining("replicaCount > 1 needs database.url");
        assertThatThrownBy(new Helm(CHART).template().withName("mesh").withValuesFile(VALUES.resolve(CLUSTER_OF_THREE))
                .set("keys.existingClaim", "")::call).hasMessageContaining("replicaCount > 1 needs keys.existingClaim");
        assertThatThrownBy(new Helm(CHART).template().withName("mesh").withValuesFile(VALUES.resolve(CLUSTER_OF_THREE))
                .set("tls.existingSecret", "")::call).hasMessageContaining("replicaCount > 1 needs tls.existingSecret");
    }

    @ParameterizedTest
    @ValueSource(strings = {DEFAULTS, EXTERNAL_DATABASE, WITHOUT_COTURN})
    void theServerRunsAsUid1000OnAReadOnlyRootWithItsDataOnTheVolume(String values) {
        Deployment server = render(values).deployment("server");
        PodSpec pod = server.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1000L);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container container = serverContainer(server);
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");

        // Writable: the data directory (a claim) and the JVM's temporary files (an emptyDir), nothing else.
        assertThat(container.getArgs()).contains("--netloom.data-dir=/var/lib/netloom/netloom-data");
        assertThat(volume(pod, mountedAt(container, "/var/lib/netloom")).getPersistentVolumeClaim()).isNotNull();
        assertThat(volume(pod, mountedAt(container, "/tmp")).getEmptyDir()).isNotNull();
        assertThat(container.getVolumeMounts()).filteredOn(mount -> !Boolean.TRUE.equals(mount.getReadOnly()))
                .extracting(VolumeMount::getMountPath).containsExactlyInAnyOrder("/var/lib/netloom", "/tmp");
    }

    @ParameterizedTest
    @ValueSource(strings = {DEFAULTS, EXTERNAL_DATABASE, WITHOUT_COTURN, CLUSTER_OF_THREE})
    void everySettingTheChartGivesTheServerExists(String values) throws IOException {
        Set<String> documented = documentedSettings();
        RenderedChart chart = render(values);
        Container container = chart.statefulSets().isEmpty() ? serverContainer(chart.deployment("server"))
                : serverContainer(chart.statefulSets().get(0).getSpec().getTemplate().getSpec());
        for (String argument : container.getArgs()) {
            assertThat(argument).startsWith("--").contains("=");
            String name = argument.substring(2, argument.indexOf('='));
            assertThat(documented.contains(name) || BOOT_PROPERTIES.contains(name))
                    .as(name).isTrue();
        }
        // Settings from Secrets come as environment variables, in Spring's relaxed form of the property's name.
        Set<String> relaxed = Stream.concat(documented.stream(), BOOT_PROPERTIES.stream())
                .map(HelmChartTest::environmentName).collect(Collectors.toSet());
        assertThat(container.getEnv()).filteredOn(env -> env.getValueFrom().getSecretKeyRef() != null)
                .extracting(EnvVar::getName).allMatch(relaxed::contains);
        // The others are the pod's own name and address from the downward API, for the arguments' $(…).
        assertThat(container.getEnv()).filteredOn(env -> env.getValueFrom().getSecretKeyRef() == null)
                .allSatisfy(env -> assertThat(env.getValueFrom().getFieldRef()).as(env.getName()).isNotNull())
                .extracting(EnvVar::getName).isSubsetOf("POD_NAME", "POD_IP");
    }

    @Test
    void byDefaultTheDataHasAClaimOfItsOwnAndTheDatabaseIsEmbedded() {
        RenderedChart chart = render(DEFAULTS);
        Deployment server = chart.deployment("server");
        PodSpec pod = server.getSpec().getTemplate().getSpec();
        String claim = volume(pod, mountedAt(serverContainer(server), "/var/lib/netloom"))
                .getPersistentVolumeClaim().getClaimName();
        assertThat(chart.claims()).singleElement().satisfies(pvc -> {
            assertThat(pvc.getMetadata().getName()).isEqualTo(claim);
            // The server's keys: `helm uninstall` keeps them.
            assertThat(pvc.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        });
        assertThat(serverContainer(server).getArgs()).noneMatch(argument -> argument.startsWith("--spring.datasource"));
        assertThat(serverContainer(server).getEnv()).extracting(EnvVar::getName)
                .doesNotContain("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
    }

    @Test
    void anExternalDatabasesCredentialsComeFromItsSecretAndTheCertificateFromTheTlsSecret() {
        RenderedChart chart = render(EXTERNAL_DATABASE);
        Deployment server = chart.deployment("server");
        Container container = serverContainer(server);
        PodSpec pod = server.getSpec().getTemplate().getSpec();

        assertThat(container.getArgs()).contains("--spring.datasource.url=jdbc:postgresql://db.example.org:5432/netloom"
                + "?sslmode=verify-full&sslrootcert=/etc/netloom/db-ca/ca.crt");
        assertThat(secretKey(container, "SPRING_DATASOURCE_USERNAME")).isEqualTo("netloom-db/user");
        assertThat(secretKey(container, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("netloom-db/pass");
        assertThat(volume(pod, mountedAt(container, "/etc/netloom/db-ca")).getSecret().getSecretName())
                .isEqualTo("netloom-db-ca");

        assertThat(volume(pod, mountedAt(container, "/etc/netloom/tls")).getSecret().getSecretName())
                .isEqualTo("netloom-tls");
        assertThat(container.getArgs()).contains("--netloom.tls.certificate=/etc/netloom/tls/tls.crt",
                "--netloom.tls.private-key=/etc/netloom/tls/tls.key", "--netloom.public-url=https://vpn.example.org");

        // Prometheus and the server read the scrape token from one Secret.
        assertThat(container.getArgs()).contains("--netloom.metrics.token-file=/etc/netloom/metrics/scrape-token");
        assertThat(volume(pod, mountedAt(container, "/etc/netloom/metrics")).getSecret().getSecretName())
                .isEqualTo("netloom-metrics");
        // Every Secret readable by the owner and the pod's group (the server's) only: 0440.
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getSecret() != null).hasSize(3)
                .allSatisfy(volume -> assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440));

        // The existing claim, and none created.
        assertThat(volume(pod, mountedAt(container, "/var/lib/netloom")).getPersistentVolumeClaim().getClaimName())
                .isEqualTo("netloom-keys");
        assertThat(chart.claims()).isEmpty();
        assertThat(service(chart, "gateway").getSpec().getType()).isEqualTo("LoadBalancer");
    }

    @Test
    void coturnRelaysOnTheHostNetworkWithTheServersTurnSecret() {
        RenderedChart chart = render(DEFAULTS);
        Container server = serverContainer(chart.deployment("server"));
        Deployment coturn = chart.deployment("coturn");
        PodSpec pod = coturn.getSpec().getTemplate().getSpec();
        Container relay = pod.getContainers().get(0);

        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(coturn.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(secretKey(relay, "TURN_SECRET")).isEqualTo(secretKey(server, "NETLOOM_TURNSECRET"))
                .isEqualTo("netloom-turn/secret");
        assertThat(relay.getArgs()).contains("--use-auth-secret", "--static-auth-secret=$(TURN_SECRET)",
                "--listening-port=3478", "--min-port=49152", "--max-port=65535", "--no-tcp-relay");
        assertThat(server.getArgs()).contains(
                "--netloom.turn-uris=turn:turn.example.org:3478?transport=udp,turn:turn.example.org:3478?transport=tcp",
                "--netloom.stun-uris=stun:turn.example.org:3478");
    }

    @Test
    void withoutCoturnNoRelayIsRenderedOrHandedToPeers() {
        RenderedChart chart = render(WITHOUT_COTURN);
        assertThat(chart.findDeployment("coturn")).isEmpty();
        assertThat(chart.disruptionBudgets()).isEmpty();
        Container server = serverContainer(chart.deployment("server"));
        assertThat(server.getArgs()).noneMatch(argument -> argument.startsWith("--netloom.turn-uris")
                || argument.startsWith("--netloom.stun-uris"));
        assertThat(server.getEnv()).isEmpty();
    }

    @Test
    void theDisruptionBudgetCoversTheServerAndNeverBlocksADrainOfTheOnlyReplica() {
        RenderedChart chart = render(DEFAULTS);
        Deployment server = chart.deployment("server");
        PodDisruptionBudget budget = chart.disruptionBudgets().get(0);
        assertThat(chart.disruptionBudgets()).hasSize(1);
        assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(server.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMinAvailable()).isNull();
        int maxUnavailable = budget.getSpec().getMaxUnavailable().getIntVal();
        assertThat(server.getSpec().getReplicas() - maxUnavailable).isLessThanOrEqualTo(0);
    }

    @Test
    void aDatabaseUrlWithoutItsSecretIsRefused() {
        TemplateCommand template = new Helm(CHART).template().withName("mesh")
                .set("database.url", "jdbc:postgresql://db.example.org:5432/netloom");
        assertThatThrownBy(template::call).hasMessageContaining("database.url needs database.existingSecret");
    }

    private static RenderedChart render(String values) {
        return RENDERED.computeIfAbsent(values, file -> {
            TemplateCommand template = new Helm(CHART).template().withName("mesh").withNamespace("netloom");
            if (!file.isEmpty()) {
                template = template.withValuesFile(VALUES.resolve(file));
            }
            try {
                return RenderedChart.read(template.call());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The names in README's settings table and the rest of its text: `netloom.…` in backquotes. */
    private static Set<String> documentedSettings() throws IOException {
        Matcher matcher = Pattern.compile("`(netloom\\.[a-z0-9.-]+)`").matcher(Files.readString(REPOSITORY.resolve("README.md")));
        Set<String> names = new HashSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Spring Boot's environment variable for a property: dots to underscores, dashes dropped, upper case. */
    private static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static Service service(RenderedChart chart, String suffix) {
        return chart.services().stream().filter(service -> service.getMetadata().getName().endsWith("-" + suffix))
                .findFirst().orElseThrow(() -> new AssertionError("no Service " + suffix));
    }

    /** A Service's one port, checked to point at the container port of the same name. */
    private static int port(Service service) {
        assertThat(service.getSpec().getPorts()).hasSize(1);
        ServicePort port = service.getSpec().getPorts().get(0);
        assertThat(port.getTargetPort().getStrVal()).isEqualTo(port.getName());
        return port.getPort();
    }

    private static Container serverContainer(Deployment server) {
        return serverContainer(server.getSpec().getTemplate().getSpec());
    }

    private static Container serverContainer(PodSpec pod) {
        return pod.getContainers().stream()
                .filter(container -> container.getName().equals("server")).findFirst().orElseThrow();
    }

    private static int containerPort(Deployment deployment, String name) {
        return containerPort(serverContainer(deployment), name);
    }

    private static int containerPort(Container container, String name) {
        return container.getPorts().stream().filter(port -> name.equals(port.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + name));
    }

    /** The port number and path an HTTP probe asks, its named port resolved. */
    private static String probe(Deployment server, Probe probe) {
        IntOrString port = probe.getHttpGet().getPort();
        int number = port.getStrVal() != null ? containerPort(server, port.getStrVal()) : port.getIntVal();
        return number + probe.getHttpGet().getPath();
    }

    private static String mountedAt(Container container, String path) {
        return container.getVolumeMounts().stream().filter(mount -> path.equals(mount.getMountPath()))
                .map(VolumeMount::getName).findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + path));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(volume -> name.equals(volume.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** "secret/key" of an environment variable taken from a Secret. */
    private static String secretKey(Container container, String variable) {
        EnvVar env = container.getEnv().stream().filter(candidate -> variable.equals(candidate.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + variable));
        assertThat(env.getValue()).as("%s must not carry its value in the manifest", variable).isNull();
        return env.getValueFrom().getSecretKeyRef().getName() + "/" + env.getValueFrom().getSecretKeyRef().getKey();
    }
}
