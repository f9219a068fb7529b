package io.netloom.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the properties of a JSON value that its OpenAPI schema does not declare. It follows local
 * {@code $ref}s, merges the {@code properties} of {@code allOf}/{@code anyOf}/{@code oneOf} branches, walks
 * into declared properties, {@code additionalProperties} schemas and array {@code items}. An object schema
 * declaring no {@code properties} at all is free-form and accepts anything. Properties named {@code netloom_…} are
 * Netloom's own extensions of NetBird's objects (ADR 0038), described in Netloom's OpenAPI document rather than
 * NetBird's, and are not reported; the prefix keeps them apart from any field NetBird may add.
 */
final class UndeclaredProperties {

  static final String NETLOOM_EXTENSION_PREFIX = "netloom_";

  private final NetbirdContract contract;

  UndeclaredProperties(NetbirdContract contract) {
    this.contract = contract;
  }

  /** JSON paths (e.g. {@code $.groups[0].colour}) of the undeclared properties, in document order. */
  List<String> find(JsonNode schema, JsonNode value) {
    List<String> found = new ArrayList<>();
    walk(schema, value, "$", found, 0);
    return found;
  }

  private void walk(JsonNode schema, JsonNode value, String path, List<String> found, int depth) {
    if (depth > 64 || schema == null || !schema.isObject()) {
      return;
    }
    Shape shape = new Shape();
    collect(schema, shape, 0);
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String childPath = path + "." + field.getKey();
        JsonNode declared = shape.properties.get(field.getKey());
        if (declared == null && field.getKey().startsWith(NETLOOM_EXTENSION_PREFIX)) {
          continue;
        }
        if (declared != null) {
          walk(declared, field.getValue(), childPath, found, depth + 1);
        } else if (shape.additional != null && shape.additional.isObject()) {
          walk(shape.additional, field.getValue(), childPath, found, depth + 1);
        } else if (!shape.properties.isEmpty() && !isTrue(shape.additional)) {
          found.add(childPath);
        }
      }
    } else if (value.isArray() && shape.items != null) {
      for (int i = 0; i < value.size(); i++) {
        walk(shape.items, value.get(i), path + "[" + i + "]", found, depth + 1);
      }
    }
  }

  private void collect(JsonNode schema, Shape shape, int depth) {
    if (depth > 32 || schema == null || !schema.isObject()) {
      return;
    }
    if (schema.has("$ref")) {
      collect(contract.resolveLocalRef(schema.get("$ref").asText(), "undeclared-property check"), shape,
          depth + 1);
    }
    schema.path("properties").fields().forEachRemaining(p -> shape.properties.putIfAbsent(p.getKey(),
        p.getValue()));
    if (schema.has("additionalProperties") && shape.additional == null) {
      shape.additional = schema.get("additionalProperties");
    }
    if (schema.has("items") && shape.items == null) {
      shape.items = schema.get("items");
    }
    for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
      schema.path(combinator).forEach(branch -> collect(branch, shape, depth + 1));
    }
  }

  private static boolean isTrue(JsonNode node) {
    return node != null && node.isBoolean() && node.booleanValue();
  }

  private static final class Shape {
    final Map<String, JsonNode> properties = new LinkedHashMap<>();
    JsonNode additional;
    JsonNode items;
  }
}
