package io.tally.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, problem-collecting access to one JSON object. Every getter records a {@link Problem} and
 * returns null when the field is missing or malformed, so a reader can keep going and report
 * everything wrong with a file at once; nulls never leave the readers that use this class.
 */
final class Fields {
    private final ObjectNode node;
    private final String path;
    private final List<Problem> problems;

    private Fields(ObjectNode node, String path, List<Problem> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Views {@code node} as an object whose only allowed keys are {@code known}; unknown keys are
     * reported. Returns null if {@code node} is null (already reported) or not an object.
     */
    static Fields of(JsonNode node, String path, List<Problem> problems, Set<String> known) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be an object, got " + kind(node)));
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                problems.add(new Problem(JsonPath.field(path, name),
                        "unknown field (allowed: " + String.join(", ", new TreeSet<>(known)) + ")"));
            }
        }
        return new Fields((ObjectNode) node, path, problems);
    }

    String path(String name) {
        return JsonPath.field(path, name);
    }

    boolean has(String name) {
        return node.has(name);
    }

    /** The value of a required field, or null after reporting that it is missing or null. */
    JsonNode required(String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            problems.add(new Problem(path(name), "missing required field"));
            return null;
        }
        if (v.isNull()) {
            problems.add(new Problem(path(name), "must not be null"));
            return null;
        }
        return v;
    }

    String string(String name) {
        return string(required(name), path(name), problems);
    }

    Long integer(String name, long min, long max) {
        return integer(required(name), path(name), min, max, problems);
    }

    Boolean bool(String name) {
        JsonNode v = required(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            problems.add(new Problem(path(name), "must be true or false, got " + kind(v)));
            return null;
        }
        return v.booleanValue();
    }

    ArrayNode array(String name, int maxSize) {
        JsonNode v = required(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            problems.add(new Problem(path(name), "must be an array, got " + kind(v)));
            return null;
        }
        if (v.size() > maxSize) {
            problems.add(new Problem(path(name), "has " + v.size() + " entries; at most " + maxSize + " allowed"));
            return null;
        }
        return (ArrayNode) v;
    }

    static String string(JsonNode v, String path, List<Problem> problems) {
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new Problem(path, "must be a string, got " + kind(v)));
            return null;
        }
        return v.textValue();
    }

    /** A JSON integer token (never a fraction or exponent form) within {@code [min, max]}. */
    static Long integer(JsonNode v, String path, long min, long max, List<Problem> problems) {
        if (v == null) {
            return null;
        }
        if (v.isNumber() && !v.isIntegralNumber()) {
            problems.add(new Problem(path, "must be an integer, not a fraction or exponent; got " + shortText(v)));
            return null;
        }
        if (!v.isIntegralNumber()) {
            problems.add(new Problem(path, "must be an integer, got " + kind(v)));
            return null;
        }
        BigInteger b = v.bigIntegerValue();
        if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(new Problem(path, "must be between " + min + " and " + max + ", got " + abbreviate(b)));
            return null;
        }
        return b.longValueExact();
    }

    /** A number's text, shortened so that an adversarial 1000-digit literal cannot flood the output. */
    static String shortText(JsonNode v) {
        String s = v.asText();
        return s.length() <= 40 ? s : s.substring(0, 20) + "...(" + s.length() + " characters)";
    }

    static String abbreviate(BigInteger b) {
        String s = b.toString();
        return s.length() <= 40 ? s : s.substring(0, 20) + "...(" + s.length() + " digits)";
    }

    static String kind(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        } else if (v.isArray()) {
            return "an array";
        } else if (v.isTextual()) {
            return "a string";
        } else if (v.isNumber()) {
            return "a number";
        } else if (v.isBoolean()) {
            return "a boolean";
        } else if (v.isNull()) {
            return "null";
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
