package io.netloom.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Wire messages for fuzzing a parser: valid messages changed by one to four structure-aware mutations (a hostile
 * value of the same type, a value of another type, a member removed, added or repeated, a node wrapped in an array
 * or object), then, in one message of five, its text cut short or overwritten; and, now and then, text that is no
 * message at all (random characters, deep nesting, huge values).
 */
public final class JsonMutations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMutations() {
    }

    /** Texts derived from {@code valid} messages; {@code names} are member names worth adding or repeating. */
    public static Arbitrary<String> of(Arbitrary<? extends JsonNode> valid, List<String> names) {
        return Combinators.combine(valid, mutator(names)).as((message, mutate) -> mutate.apply(message));
    }

    /**
     * What turns a valid message into the text to try, for messages known only once the test runs: mostly
     * mutations, sometimes the message unchanged, sometimes garbage in its place.
     */
    public static Arbitrary<Function<JsonNode, String>> mutator(List<String> names) {
        Arbitrary<Function<JsonNode, String>> mutated = Combinators.combine(
                mutation(names).list().ofMinSize(1).ofMaxSize(4), duplicate(names), textChange())
                .as((changes, repeat, cut) -> message -> {
                    JsonNode node = message.deepCopy();
                    for (UnaryOperator<JsonNode> change : changes) {
                        node = change.apply(node);
                    }
                    return cut.apply(repeat.apply(node.toString()));
                });
        return Arbitraries.frequencyOf(
                Tuple.of(12, mutated),
                Tuple.of(2, Arbitraries.just(JsonNode::toString)),
                Tuple.of(1, garbage().map(text -> message -> text)));
    }

    /** Text that is not a message: random characters, bare values, deep nesting, huge values. */
    public static Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+truefalsn \\u").ofMaxLength(200),
                hostileValue().map(JsonNode::toString),
                Arbitraries.integers().between(1, 5_000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(1, 5_000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Arbitraries.of("", " ", "null", "{}", "[]", "{", "}", "\"", "{\"type\":", "\uFEFF{}", "{}{}", "{} x"));
    }

    /** Values that break careless parsers: extremes of every JSON type. */
    public static Arbitrary<JsonNode> hostileValue() {
        return Arbitraries.oneOf(
                Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false),
                        NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
                        NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(Integer.MAX_VALUE + 1L),
                        NODES.numberNode(new BigInteger("9223372036854775808")),
                        NODES.numberNode(new BigInteger("-99999999999999999999999999999999")), NODES.numberNode(1e308),
                        NODES.numberNode(-0.0), NODES.numberNode(0.5), NODES.textNode(""), NODES.textNode(" "),
                        NODES.textNode("!!!not base64!!!"), NODES.textNode("AA=="), NODES.textNode("\u0000"),
                        NODES.textNode("\uD800"), NODES.textNode("a|b"), NODES.textNode("../../etc/passwd"),
                        NODES.arrayNode(), NODES.objectNode()),
                Arbitraries.strings().all().ofMaxLength(40).map(NODES::textNode),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
                        .ofMaxLength(120).map(NODES::textNode),
                Arbitraries.integers().between(1, 200_000).map(length -> NODES.textNode("A".repeat(length))),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.integers().between(1, 50_000).map(size -> {
                    ArrayNode array = NODES.arrayNode();
                    for (int i = 0; i < size; i++) {
                        array.add(i);
                    }
                    return array;
                }),
                // Jackson writes at most 1,000 levels; deeper nesting comes as text from garbage().
                Arbitraries.integers().between(1, 240).map(depth -> {
                    JsonNode node = NODES.numberNode(1);
                    for (int i = 0; i < depth; i++) {
                        node = NODES.arrayNode().add(node);
                    }
                    return node;
                }));
    }

    private static Arbitrary<UnaryOperator<JsonNode>> mutation(List<String> names) {
        Arbitrary<Integer> target = Arbitraries.integers().between(0, 1_000);
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(names), Arbitraries.strings().all().ofMaxLength(12));
        return Arbitraries.oneOf(
                Combinators.combine(target, hostileValue()).as((at, value) -> node -> replace(node, at, value.deepCopy())),
                target.map(at -> node -> replace(node, at, null)),
                Combinators.combine(target, name, hostileValue()).as((at, key, value) -> node -> add(node, at, key, value.deepCopy())),
                Combinators.combine(target, hostileValue()).as((at, value) -> node -> retype(node, at, value.deepCopy())),
                target.map(at -> node -> wrap(node, at, true)),
                target.map(at -> node -> wrap(node, at, false)));
    }

    /** A member of the top-level object repeated with another value (a tree cannot hold this, the text can). */
    private static Arbitrary<UnaryOperator<String>> duplicate(List<String> names) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(UnaryOperator.<String>identity())),
                Tuple.of(1, Combinators.combine(Arbitraries.of(names), hostileValue(), Arbitraries.of(true, false))
                        .as((key, value, first) -> text -> {
                            if (!text.startsWith("{") || text.length() < 3) {
                                return text;
                            }
                            String member = JSON.getNodeFactory().textNode(key) + ":" + value;
                            return first ? "{" + member + "," + text.substring(1)
                                    : text.substring(0, text.length() - 1) + "," + member + "}";
                        })));
    }

    /** In one text of five: cut short, characters overwritten or put in. */
    private static Arbitrary<UnaryOperator<String>> textChange() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 100_000);
        Arbitrary<String> chars = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8);
        return Arbitraries.frequencyOf(
                Tuple.of(16, Arbitraries.just(UnaryOperator.<String>identity())),
                Tuple.of(2, at.map(position -> text -> text.substring(0, position % (text.length() + 1)))),
                Tuple.of(1, Combinators.combine(at, chars).as((position, inserted) -> text -> {
                    int i = position % (text.length() + 1);
                    return text.substring(0, i) + inserted + text.substring(i);
                })),
                Tuple.of(1, Combinators.combine(at, chars).as((position, written) -> text -> {
                    int i = position % (text.length() + 1);
                    return text.substring(0, i) + written + text.substring(Math.min(text.length(), i + written.length()));
                })));
    }

    /** The node numbered {@code at} (pre-order, modulo their number) becomes {@code value}, or goes if null. */
    private static JsonNode replace(JsonNode root, int at, JsonNode value) {
        List<Slot> slots = slots(root);
        Slot slot = slots.get(at % slots.size());
        if (slot.parent == null) {
            return value == null ? NODES.missingNode() : value;
        }
        if (value == null) {
            slot.remove();
        } else {
            slot.set(value);
        }
        return root;
    }

    /** A member {@code key: value} is added to an object (an element to an array) at or above the node aimed at. */
    private static JsonNode add(JsonNode root, int at, String key, JsonNode value) {
        List<Slot> slots = slots(root);
        JsonNode node = slots.get(at % slots.size()).node;
        if (node instanceof ObjectNode object) {
            object.set(key, value);
        } else if (node instanceof ArrayNode array) {
            array.add(value);
        } else if (root instanceof ObjectNode object) {
            object.set(key, value);
        }
        return root;
    }

    /** A leaf keeps its type with a hostile value of that type, or takes {@code other} if none fits. */
    private static JsonNode retype(JsonNode root, int at, JsonNode other) {
        List<Slot> leaves = slots(root).stream().filter(slot -> slot.node.isValueNode()).toList();
        if (leaves.isEmpty()) {
            return root;
        }
        Slot leaf = leaves.get(at % leaves.size());
        JsonNode value = leaf.node.isTextual() && !other.isTextual() ? NODES.textNode(other.toString())
                : leaf.node.isNumber() && !other.isNumber() ? NODES.numberNode(other.toString().length() * -7919L)
                : leaf.node.isBoolean() ? NODES.booleanNode(!leaf.node.booleanValue()) : other;
        if (leaf.parent == null) {
            return value;
        }
        leaf.set(value);
        return root;
    }

    private static JsonNode wrap(JsonNode root, int at, boolean inArray) {
        List<Slot> slots = slots(root);
        Slot slot = slots.get(at % slots.size());
        JsonNode wrapped = inArray ? NODES.arrayNode().add(slot.node) : NODES.objectNode().set("value", slot.node);
        if (slot.parent == null) {
            return wrapped;
        }
        slot.set(wrapped);
        return root;
    }

    private static List<Slot> slots(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(null, null, -1, root, slots);
        return slots;
    }

    private static void collect(JsonNode parent, String key, int index, JsonNode node, List<Slot> slots) {
        slots.add(new Slot(parent, key, index, node));
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> members = object.fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                collect(object, member.getKey(), -1, member.getValue(), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(array, null, i, array.get(i), slots);
            }
        }
    }

    /** Where a node sits in its tree, so that it can be replaced or removed. */
    private record Slot(JsonNode parent, String key, int index, JsonNode node) {

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(key, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(key);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }
}
