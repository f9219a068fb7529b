package io.netloom.api.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON request and response bodies against NetBird's management API description
 * ({@code src/test/resources/netbird/openapi.yml}, OpenAPI 3.1), so that tests prove Netloom's admin API is
 * wire-compatible with NetBird's.
 *
 * <p>Schemas are evaluated with JSON Schema draft 2020-12 semantics (the OpenAPI 3.1 base dialect) by
 * networknt's json-schema-validator; {@code $ref}s into {@code #/components/...} are resolved against the
 * document. Annotations that are not assertions ({@code example}, {@code description}, {@code x-*} extensions,
 * {@code discriminator}, ...) are ignored. {@code format: date-time} is asserted (RFC 3339); every other format
 * ({@code cidr}, {@code ipv4}, {@code int64}, ...) is an annotation only. In requests, properties marked
 * {@code readOnly} are rejected; in responses, {@code writeOnly} ones.
 *
 * <p>NetBird's document declares few error statuses: most operations only declare 200, 400, 401, 403 and 500
 * (with no body schema), and no operation has a {@code default} response, so asserting e.g. a 404 or 422
 * against an operation fails as undeclared. Check such error bodies with
 * {@link #assertSchemaMatches(String, String) assertSchemaMatches("ErrorResponse", body)} instead.
 *
 * <p>Instances are immutable and thread-safe; {@link #load()} returns a shared one.
 */
public final class NetbirdContract {

  /** Classpath location of the OpenAPI document. */
  public static final String RESOURCE = "netbird/openapi.yml";

  /** IRI under which networknt loads the document, and against which its local {@code $ref}s resolve. */
  static final String DOCUMENT_IRI = "classpath:" + RESOURCE;

  private static final String JSON = "application/json";
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static volatile NetbirdContract shared;

  private final JsonNode document;
  private final ObjectMapper json = new ObjectMapper();
  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig responseConfig;
  private final SchemaValidatorsConfig requestConfig;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  private NetbirdContract(JsonNode document) {
    this.document = document;
    // OpenAPI 3.1's base dialect, asserting only the date-time format (other formats stay annotations).
    JsonMetaSchema dialect =
        JsonMetaSchema.builder(OpenApi31.getInstance())
            .formats(formats -> formats.keySet().retainAll(Set.of("date-time")))
            .build();
    this.factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri())
                // Referenced components are loaded by IRI: serve them from the corrected document, not the file.
                .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_IRI, document.toString()))));
    this.responseConfig =
        SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .writeOnly(true)
            .locale(Locale.ROOT)
            .build();
    this.requestConfig =
        SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .readOnly(true)
            .locale(Locale.ROOT)
            .build();
  }

  /** The contract of the OpenAPI document on the test classpath (parsed once, then shared). */
  public static NetbirdContract load() {
    NetbirdContract contract = shared;
    if (contract == null) {
      synchronized (NetbirdContract.class) {
        contract = shared;
        if (contract == null) {
          contract = new NetbirdContract(readDocument());
          shared = contract;
        }
      }
    }
    return contract;
  }

  private static JsonNode readDocument() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = NetbirdContract.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return withErrataCorrected(new YAMLMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * NetBird's {@code ResourceType} is written as {@code allOf} of {@code NetworkResourceType} ("host", "subnet",
   * "domain") and the enum ["peer"]: two enums with no value in common, so as written no {@code Resource} could ever
   * be valid. NetBird's own server sends "host", "subnet", "domain" and "peer" there, so the intent is "either";
   * the contract reads it as {@code anyOf}.
   */
  private static JsonNode withErrataCorrected(JsonNode document) {
    JsonNode resourceType = document.path("components").path("schemas").path("ResourceType");
    if (resourceType instanceof ObjectNode node && node.has("allOf")) {
      node.set("anyOf", node.remove("allOf"));
    }
    return document;
  }

  /** The parsed OpenAPI document (do not modify). */
  public JsonNode document() {
    return document;
  }

  /**
   * Asserts that {@code jsonBody} is a valid response of the operation {@code method pathTemplate} with the
   * given status, e.g. {@code ("GET", "/api/peers/{peerId}", 200, body)}. The response is the one declared for
   * the status, else for its range ({@code 2XX}), else {@code default}; a {@code $ref} to
   * {@code #/components/responses/...} is followed. If the response declares no content, any body is accepted.
   *
   * @throws AssertionError if the operation or the status is not declared, if the response has content but no
   *     {@code application/json} schema, or if the body is not valid JSON or violates the schema
   */
  public void assertResponseMatches(String method, String pathTemplate, int status, String jsonBody) {
    String where = describe(method, pathTemplate) + " " + status + " response";
    JsonNode schema = responseSchema(method, pathTemplate, status, where);
    if (schema == null) {
      return;
    }
    validate(where, schema, parse(where, jsonBody), jsonBody, responseConfig);
  }

  /**
   * Like {@link #assertResponseMatches}, and also asserts that the body has no property that the schema does
   * not declare (NetBird's schemas allow additional properties, but a DTO should not leak any). Netloom's own
   * extensions, named {@code netloom_…} (ADR 0038), are the one exception.
   */
  public void assertResponseMatchesStrictly(
      String method, String pathTemplate, int status, String jsonBody) {
    String where = describe(method, pathTemplate) + " " + status + " response";
    JsonNode schema = responseSchema(method, pathTemplate, status, where);
    if (schema == null) {
      return;
    }
    JsonNode body = parse(where, jsonBody);
    validate(where, schema, body, jsonBody, responseConfig);
    assertNoUndeclaredProperties(where, schema, body, jsonBody);
  }

  /**
   * Asserts that {@code jsonBody} is a valid request body of the operation {@code method pathTemplate}, e.g.
   * {@code ("POST", "/api/setup-keys", body)}: the operation must declare an {@code application/json} request
   * body and {@code jsonBody} must satisfy its schema, with no {@code readOnly} property.
   *
   * @throws AssertionError if the operation or its JSON request body is not declared, or the body violates it
   */
  public void assertRequestMatches(String method, String pathTemplate, String jsonBody) {
    String where = describe(method, pathTemplate) + " request";
    JsonNode schema = requestSchema(method, pathTemplate, where);
    validate(where, schema, parse(where, jsonBody), jsonBody, requestConfig);
  }

  /**
   * Like {@link #assertRequestMatches}, and also asserts that the body has no property that the schema does
   * not declare (NetBird's server would silently ignore it).
   */
  public void assertRequestMatchesStrictly(String method, String pathTemplate, String jsonBody) {
    String where = describe(method, pathTemplate) + " request";
    JsonNode schema = requestSchema(method, pathTemplate, where);
    JsonNode body = parse(where, jsonBody);
    validate(where, schema, body, jsonBody, requestConfig);
    assertNoUndeclaredProperties(where, schema, body, jsonBody);
  }

  /**
   * Asserts that {@code jsonBody} satisfies the component schema {@code #/components/schemas/<schemaName>},
   * e.g. {@code ("ErrorResponse", body)} for error bodies of statuses the operations do not declare.
   */
  public void assertSchemaMatches(String schemaName, String jsonBody) {
    String where = "schema " + schemaName;
    JsonNode schema = document.path("components").path("schemas").path(schemaName);
    if (!schema.isObject()) {
      throw new AssertionError("NetBird's OpenAPI document has no schema " + schemaName);
    }
    validate(where, refTo("#/components/schemas/" + pointerEscape(schemaName)), parse(where, jsonBody),
        jsonBody, responseConfig);
  }

  /** The status codes declared for an operation, as written in the document (e.g. {@code "200"}). */
  public List<String> declaredStatuses(String method, String pathTemplate) {
    List<String> statuses = new ArrayList<>();
    operation(method, pathTemplate, describe(method, pathTemplate)).path("responses").fieldNames()
        .forEachRemaining(statuses::add);
    return statuses;
  }

  // --- navigation in the document ----------------------------------------------------------------------

  private JsonNode operation(String method, String pathTemplate, String where) {
    String verb = method.toLowerCase(Locale.ROOT);
    JsonNode pathItem = document.path("paths").path(pathTemplate);
    if (!pathItem.isObject()) {
      throw new AssertionError(where + ": NetBird's OpenAPI document has no path " + pathTemplate);
    }
    JsonNode operation = pathItem.path(verb);
    if (!METHODS.contains(verb) || !operation.isObject()) {
      throw new AssertionError(where + ": NetBird's OpenAPI document has no operation " + verb.toUpperCase(
          Locale.ROOT) + " on " + pathTemplate);
    }
    return operation;
  }

  /** The response body schema, or null if the declared response has no content. */
  private JsonNode responseSchema(String method, String pathTemplate, int status, String where) {
    JsonNode responses = operation(method, pathTemplate, where).path("responses");
    String code = Integer.toString(status);
    JsonNode response = responses.get(code);
    if (response == null) {
      response = responses.get(code.charAt(0) + "XX");
    }
    if (response == null) {
      response = responses.get(code.charAt(0) + "xx");
    }
    if (response == null) {
      response = responses.get("default");
    }
    if (response == null) {
      List<String> declared = new ArrayList<>();
      responses.fieldNames().forEachRemaining(declared::add);
      throw new AssertionError(where + ": status " + status + " is not declared (declared: " + declared
          + ", no default)");
    }
    response = followRef(response, where);
    JsonNode content = response.path("content");
    if (!content.isObject() || content.isEmpty()) {
      return null;
    }
    JsonNode schema = jsonMediaType(content).path("schema");
    if (schema.isMissingNode()) {
      throw new AssertionError(where + ": no " + JSON + " schema declared (content types: "
          + fieldNames(content) + ")");
    }
    return schema;
  }

  private JsonNode requestSchema(String method, String pathTemplate, String where) {
    JsonNode requestBody = followRef(operation(method, pathTemplate, where).path("requestBody"), where);
    JsonNode schema = jsonMediaType(requestBody.path("content")).path("schema");
    if (schema.isMissingNode()) {
      throw new AssertionError(where + ": no " + JSON + " request body declared");
    }
    return schema;
  }

  private static JsonNode jsonMediaType(JsonNode content) {
    for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String type = entry.getKey().toLowerCase(Locale.ROOT);
      if (type.equals(JSON) || type.startsWith(JSON + ";")) {
        return entry.getValue();
      }
    }
    return content.path(JSON);
  }

  private JsonNode followRef(JsonNode node, String where) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref"); hops++) {
      if (hops > 16) {
        throw new AssertionError(where + ": $ref cycle at " + node.get("$ref").asText());
      }
      current = resolveLocalRef(current.get("$ref").asText(), where);
    }
    return current;
  }

  JsonNode resolveLocalRef(String ref, String where) {
    if (!ref.startsWith("#/")) {
      throw new AssertionError(where + ": only local $refs are supported, got " + ref);
    }
    JsonNode target = document.at(ref.substring(1));
    if (target.isMissingNode()) {
      throw new AssertionError(where + ": unresolvable $ref " + ref);
    }
    return target;
  }

  // --- validation --------------------------------------------------------------------------------------

  private JsonNode parse(String where, String jsonBody) {
    if (jsonBody == null || jsonBody.isBlank()) {
      throw new AssertionError(where + ": expected a JSON body, got " + (jsonBody == null ? "null" : "''"));
    }
    try {
      return json.readTree(jsonBody);
    } catch (JsonProcessingException e) {
      throw new AssertionError(where + ": body is not valid JSON (" + e.getOriginalMessage() + "): "
          + jsonBody, e);
    }
  }

  private void validate(
      String where, JsonNode schemaNode, JsonNode body, String jsonBody, SchemaValidatorsConfig config) {
    JsonSchema schema = compile(schemaNode, config);
    Set<ValidationMessage> messages = schema.validate(body);
    if (!messages.isEmpty()) {
      StringBuilder text = new StringBuilder(where).append(" violates NetBird's contract:");
      messages.forEach(message -> text.append("\n  - ").append(message.getMessage()));
      text.append("\nbody: ").append(jsonBody);
      throw new AssertionError(text.toString());
    }
  }

  /**
   * Compiles a schema taken from anywhere in the document. It is copied with its local {@code $ref}s made
   * absolute ({@code classpath:netbird/openapi.yml#/components/...}), so that networknt loads the referenced
   * component schemas from the document itself, where their own local references resolve naturally.
   */
  private JsonSchema compile(JsonNode schemaNode, SchemaValidatorsConfig config) {
    String key = (config == requestConfig ? "request:" : "response:") + schemaNode.toString();
    return schemas.computeIfAbsent(key, unused -> {
      JsonNode absolute = absolutizeRefs(schemaNode.deepCopy());
      URI base = URI.create("classpath:netbird/fragment-" + Integer.toHexString(key.hashCode()) + ".json");
      return factory.getSchema(SchemaLocation.of(base.toString()), absolute, config);
    });
  }

  private static JsonNode absolutizeRefs(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
        object.set("$ref", TextNode.valueOf(DOCUMENT_IRI + ref.asText()));
      }
      object.forEach(NetbirdContract::absolutizeRefs);
    } else if (node.isArray()) {
      node.forEach(NetbirdContract::absolutizeRefs);
    }
    return node;
  }

  private ObjectNode refTo(String localRef) {
    ObjectNode ref = json.createObjectNode();
    ref.put("$ref", localRef);
    return ref;
  }

  private void assertNoUndeclaredProperties(String where, JsonNode schema, JsonNode body, String jsonBody) {
    List<String> undeclared = new UndeclaredProperties(this).find(schema, body);
    if (!undeclared.isEmpty()) {
      throw new AssertionError(where + " has properties NetBird's schema does not declare: " + undeclared
          + "\nbody: " + jsonBody);
    }
  }

  private static String describe(String method, String pathTemplate) {
    return method.toUpperCase(Locale.ROOT) + " " + pathTemplate;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String pointerEscape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
