package io.netloom.ops.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What `helm template` rendered, read as Kubernetes' own types (fabric8's model). A kind the chart should not hold,
 * or an object that does not fit its type, fails the reading: every kind rendered is one the tests look at.
 */
record RenderedChart(List<Deployment> deployments, List<StatefulSet> statefulSets, List<Service> services,
        List<PersistentVolumeClaim> claims, List<PodDisruptionBudget> disruptionBudgets) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    static RenderedChart read(String manifests) throws IOException {
        List<Deployment> deployments = new ArrayList<>();
        List<StatefulSet> statefulSets = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        List<PodDisruptionBudget> budgets = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(manifests)) {
            for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (document == null || document.isEmpty()) {
                    continue;
                }
                String kind = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(kind);
                if (type == null) {
                    throw new AssertionError("the chart rendered a " + kind + " that no test checks");
                }
                HasMetadata object = YAML.treeToValue(document, type);
                if (object instanceof Deployment deployment) {
                    deployments.add(deployment);
                } else if (object instanceof StatefulSet statefulSet) {
                    statefulSets.add(statefulSet);
                } else if (object instanceof Service service) {
                    services.add(service);
                } else if (object instanceof PersistentVolumeClaim claim) {
                    claims.add(claim);
                } else {
                    budgets.add((PodDisruptionBudget) object);
                }
            }
        }
        return new RenderedChart(deployments, statefulSets, services, claims, budgets);
    }

    Deployment deployment(String component) {
        return findDeployment(component).orElseThrow(() -> new AssertionError("no Deployment of " + component));
    }

    Optional<Deployment> findDeployment(String component) {
        return deployments.stream()
                .filter(deployment -> component.equals(deployment.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .findFirst();
    }
}
