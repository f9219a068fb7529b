package io.netloom.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.api.contract.NetbirdContract;
import io.netloom.server.testing.CoversQueryParameter;
import io.netloom.server.testing.ServerTest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Derives from NetBird's OpenAPI document every query parameter of every operation this server
 * implements (found in the server's own request mappings), and fails while any of them has no
 * behaviour test marked {@link CoversQueryParameter}: a parameter NetBird adds to an implemented
 * path later cannot be ignored silently.
 */
class QueryParameterCoverageTest extends ServerTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void specWhenOperationImplementedThenEveryQueryParameterHasABehaviourTest() throws Exception {
        Map<String, HandlerMethod> implemented = implementedOperations();
        Set<String> specified = specifiedQueryParameters(implemented.keySet());
        Set<String> covered = coveredByTests();

        assertThat(implemented).as("implemented NetBird operations").containsKeys("GET /api/groups",
                "GET /api/peers", "GET /api/users", "POST /api/policies");
        assertThat(specified).as("NetBird's query parameters of implemented operations")
                .contains("GET /api/groups ?name", "GET /api/peers ?ip");
        assertThat(covered).as("query parameters without a behaviour test").containsAll(specified);
        assertThat(specified).as("tests claiming parameters the spec does not define").containsAll(covered);
    }

    @Test
    void handlerWhenOnNetbirdPathThenItTakesOnlyQueryParametersOfTheSpec() {
        Map<String, HandlerMethod> implemented = implementedOperations();
        Set<String> specified = specifiedQueryParameters(implemented.keySet());

        implemented.forEach((operation, handler) -> Arrays.stream(handler.getMethodParameters())
                .map(parameter -> parameter.getParameterAnnotation(RequestParam.class))
                .filter(java.util.Objects::nonNull)
                .forEach(param -> assertThat(specified).as(handler.toString())
                        .contains(operation + " ?" + param.name())));
    }

    /** "METHOD /path/{}" of every handler mapping that is also a path of NetBird's document, to its handler. */
    private Map<String, HandlerMethod> implementedOperations() {
        Set<String> specPaths = new TreeSet<>();
        NetbirdContract.load().document().get("paths").fieldNames().forEachRemaining(specPaths::add);
        Map<String, String> specPathByShape = new TreeMap<>();
        specPaths.forEach(path -> specPathByShape.put(shape(path), path));
        Map<String, HandlerMethod> operations = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : mapping.getKey().getPatternValues()) {
                String specPath = specPathByShape.get(shape(pattern));
                if (specPath == null) {
                    continue;
                }
                mapping.getKey().getMethodsCondition().getMethods().forEach(method ->
                        operations.put(method.name() + " " + specPath, mapping.getValue()));
            }
        }
        return operations;
    }

    /** "METHOD /path ?name" of every query parameter the document defines for the given operations. */
    private static Set<String> specifiedQueryParameters(Set<String> operations) {
        JsonNode document = NetbirdContract.load().document();
        Set<String> parameters = new TreeSet<>();
        for (String operation : operations) {
            String[] methodAndPath = operation.split(" ", 2);
            JsonNode pathItem = document.get("paths").get(methodAndPath[1]);
            List<JsonNode> declared = new ArrayList<>();
            pathItem.path("parameters").forEach(declared::add);
            pathItem.path(methodAndPath[0].toLowerCase(Locale.ROOT)).path("parameters").forEach(declared::add);
            for (JsonNode parameter : declared) {
                JsonNode resolved = resolve(document, parameter);
                if ("query".equals(resolved.path("in").asText())) {
                    parameters.add(operation + " ?" + resolved.get("name").asText());
                }
            }
        }
        return parameters;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        JsonNode target = document.at(node.get("$ref").asText().substring(1));
        assertThat(target.isMissingNode()).as("unresolvable " + node).isFalse();
        return resolve(document, target);
    }

    /** "METHOD /path ?name" of every test method marked as covering a query parameter. */
    private static Set<String> coveredByTests() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        TypeFilter anyTestClass = (reader, factory) -> reader.getClassMetadata().getClassName().endsWith("Test");
        scanner.addIncludeFilter(anyTestClass);
        Set<String> covered = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.netloom")) {
            for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
                CoversQueryParameter[] marks = method.getAnnotationsByType(CoversQueryParameter.class);
                if (marks.length == 0) {
                    continue;
                }
                assertThat(AnnotatedElementUtils.hasAnnotation(method, Test.class))
                        .as(method + " is a test").isTrue();
                for (CoversQueryParameter mark : marks) {
                    covered.add(mark.method().toUpperCase(Locale.ROOT) + " " + mark.path() + " ?" + mark.name());
                }
            }
        }
        return covered;
    }

    private static String shape(String pathTemplate) {
        return pathTemplate.replaceAll("\\{[^}]*}", "{}");
    }
}
