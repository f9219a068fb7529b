package io.netloom.server.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One change to a valid request body, aimed at the node with the given number in a pre-order walk
 * of the tree (taken modulo the number of nodes, so that it fits any body). {@code text} and
 * {@code number} are what {@link Kind#SAME_TYPE} puts into a string or a number, so that hostile
 * values of the right type get past the parser to the validation behind it.
 */
record Mutation(Kind kind, int target, Json value, String name, String text, String number) {

    enum Kind {
        /** The node becomes {@code value}. */
        REPLACE,
        /** The member or element is dropped (the whole body, if the root is aimed at). */
        REMOVE,
        /** {@code name: value} is added to an object, {@code value} to an array. */
        ADD,
        /** The member aimed at appears a second time with {@code value}. */
        DUPLICATE_KEY,
        /** The node is put into an array of one. */
        WRAP_IN_ARRAY,
        /** The node is put into an object under {@code name}. */
        WRAP_IN_OBJECT,
        /** A string becomes {@code text}, a number {@code number}, a boolean its opposite. */
        SAME_TYPE
    }

    Json applyTo(Json root) {
        if (kind == Kind.SAME_TYPE) {
            int[] leaf = {target % leaves(root)};
            return retyped(root, leaf);
        }
        int[] counter = {target % count(root)};
        return apply(root, counter, true);
    }

    /** The tree with its leaf number {@code leaf[0]} (pre-order) given a hostile value of its own type. */
    private Json retyped(Json node, int[] leaf) {
        if (node instanceof Json.Obj object) {
            List<Map.Entry<String, Json>> members = new ArrayList<>();
            object.members().forEach(member -> members.add(Map.entry(member.getKey(), retyped(member.getValue(), leaf))));
            return new Json.Obj(members);
        }
        if (node instanceof Json.Arr array) {
            List<Json> elements = new ArrayList<>();
            array.elements().forEach(element -> elements.add(retyped(element, leaf)));
            return new Json.Arr(elements);
        }
        return leaf[0]-- == 0 ? sameType(node) : node;
    }

    private Json apply(Json node, int[] counter, boolean isRoot) {
        if (counter[0]-- == 0) {
            return changed(node, isRoot);
        }
        if (node instanceof Json.Obj object) {
            List<Map.Entry<String, Json>> members = new ArrayList<>();
            for (Map.Entry<String, Json> member : object.members()) {
                boolean aimedAt = counter[0] == 0;
                Json child = apply(member.getValue(), counter, false);
                if (aimedAt && kind == Kind.REMOVE) {
                    continue;
                }
                members.add(Map.entry(member.getKey(), child));
                if (aimedAt && kind == Kind.DUPLICATE_KEY) {
                    members.add(Map.entry(member.getKey(), value));
                }
            }
            return new Json.Obj(members);
        }
        if (node instanceof Json.Arr array) {
            List<Json> elements = new ArrayList<>();
            for (Json element : array.elements()) {
                boolean aimedAt = counter[0] == 0;
                Json child = apply(element, counter, false);
                if (!(aimedAt && kind == Kind.REMOVE)) {
                    elements.add(child);
                }
            }
            return new Json.Arr(elements);
        }
        return node;
    }

    /** The node aimed at after the change; REMOVE and DUPLICATE_KEY are done by its parent. */
    private Json changed(Json node, boolean isRoot) {
        return switch (kind) {
            case REPLACE -> value;
            case REMOVE -> isRoot ? new Json.Raw("") : node;
            case DUPLICATE_KEY -> node;
            case ADD -> added(node);
            case WRAP_IN_ARRAY -> new Json.Arr(List.of(node));
            case WRAP_IN_OBJECT -> new Json.Obj(List.of(Map.entry(name, node)));
            case SAME_TYPE -> throw new IllegalStateException("SAME_TYPE is applied to leaves only");
        };
    }

    private Json sameType(Json node) {
        if (node instanceof Json.Str) {
            return new Json.Str(text);
        }
        if (node instanceof Json.Raw raw && raw.text().equals("true")) {
            return new Json.Raw("false");
        }
        if (node instanceof Json.Raw raw && raw.text().equals("false")) {
            return new Json.Raw("true");
        }
        if (node instanceof Json.Raw) {
            return new Json.Raw(number);
        }
        return node;
    }

    private Json added(Json node) {
        if (node instanceof Json.Obj object) {
            List<Map.Entry<String, Json>> members = new ArrayList<>(object.members());
            members.add(Map.entry(name, value));
            return new Json.Obj(members);
        }
        if (node instanceof Json.Arr array) {
            List<Json> elements = new ArrayList<>(array.elements());
            elements.add(value);
            return new Json.Arr(elements);
        }
        return value;
    }

    private static int leaves(Json node) {
        if (node instanceof Json.Obj object) {
            return Math.max(1, object.members().stream().mapToInt(member -> leaves(member.getValue())).sum());
        }
        if (node instanceof Json.Arr array) {
            return Math.max(1, array.elements().stream().mapToInt(Mutation::leaves).sum());
        }
        return 1;
    }

    private static int count(Json node) {
        if (node instanceof Json.Obj object) {
            return 1 + object.members().stream().mapToInt(member -> count(member.getValue())).sum();
        }
        if (node instanceof Json.Arr array) {
            return 1 + array.elements().stream().mapToInt(Mutation::count).sum();
        }
        return 1;
    }

    @Override
    public String toString() {
        String shown = kind == Kind.SAME_TYPE ? new Json.Str(text).text() + " / " + number
                : value == null ? "" : value.text();
        return kind + "@" + target + (name == null ? "" : " " + name) + " "
                + (shown.length() > 120 ? shown.substring(0, 120) + "…(" + shown.length() + " chars)" : shown);
    }
}
