package io.netloom.server.scim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7644 §3.4.2.5 {@code attributes} and {@code excludedAttributes}, at the level of top-level attributes
 * (a sub-attribute keeps or drops its parent): Entra ID asks for groups with {@code excludedAttributes=members}.
 * {@code id}, {@code schemas} and {@code meta} are always returned.
 */
record ScimAttributes(Set<String> only, Set<String> excluded) {

    private static final Set<String> ALWAYS = Set.of("id", "schemas", "meta");

    static ScimAttributes of(String attributes, String excludedAttributes) {
        if (attributes != null && excludedAttributes != null) {
            throw ScimException.invalidValue("give either \"attributes\" or \"excludedAttributes\", not both");
        }
        return new ScimAttributes(names(attributes), names(excludedAttributes));
    }

    private static Set<String> names(String list) {
        if (list == null) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> name.substring(name.lastIndexOf(':') + 1))
                .map(name -> name.contains(".") ? name.substring(0, name.indexOf('.')) : name)
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    boolean wants(String attribute) {
        String key = attribute.toLowerCase(Locale.ROOT);
        if (ALWAYS.contains(key)) {
            return true;
        }
        return only.isEmpty() ? !excluded.contains(key) : only.contains(key);
    }

    ObjectNode applyTo(ObjectNode resource) {
        resource.propertyNames().stream().filter(name -> !wants(name)).toList().forEach(resource::remove);
        return resource;
    }
}
