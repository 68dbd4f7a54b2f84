package io.tally.genesis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads JSON into a tree while recording every duplicate object key with its path. Jackson's
 * {@code STRICT_DUPLICATE_DETECTION} would stop at the first duplicate; walking the tokens
 * ourselves lets {@code genesis validate} report them all. The first occurrence of a duplicated
 * key is kept in the tree so later checks still see a value. Number tokens keep their kind: an
 * integer token becomes an integral node (of any size), anything with a fraction or exponent a
 * floating-point node, so callers can reject {@code 1e3} and {@code 1.0} where integers belong.
 */
final class StrictJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private StrictJson() {}

    /**
     * Reads at most {@code maxBytes} of {@code file}.
     *
     * @return the tree, or null after adding a problem when the file cannot be read or parsed
     */
    static JsonNode readFile(Path file, long maxBytes, List<Problem> problems) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            problems.add(new Problem("", "cannot read file: " + describe(e)));
            return null;
        }
        if (bytes.length > maxBytes) {
            problems.add(new Problem("", "file is larger than " + maxBytes + " bytes"));
            return null;
        }
        return read(bytes, problems);
    }

    /** Parses one JSON document; trailing content after it is a problem. */
    static JsonNode read(byte[] json, List<Problem> problems) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.add(new Problem("", "file is empty"));
                return null;
            }
            JsonNode root = value(p, t, "", problems);
            if (p.nextToken() != null) {
                problems.add(new Problem("", "unexpected content after the JSON document" + at(p.currentLocation())));
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.add(new Problem("", "not valid JSON: " + e.getOriginalMessage() + at(e.getLocation())));
            return null;
        } catch (IOException e) {
            problems.add(new Problem("", "cannot parse: " + describe(e)));
            return null;
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t, String path, List<Problem> problems) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode obj = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    String childPath = JsonPath.field(path, name);
                    JsonNode child = value(p, p.nextToken(), childPath, problems);
                    if (obj.has(name)) {
                        problems.add(new Problem(childPath, "duplicate key \"" + name + "\""));
                    } else {
                        obj.set(name, child);
                    }
                }
                return obj;
            }
            case START_ARRAY -> {
                ArrayNode arr = NODES.arrayNode();
                int i = 0;
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    arr.add(value(p, e, JsonPath.index(path, i++), problems));
                }
                return arr;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IllegalStateException("unexpected JSON token " + t);
        }
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + " (" + e.getMessage() + ")";
    }
}
