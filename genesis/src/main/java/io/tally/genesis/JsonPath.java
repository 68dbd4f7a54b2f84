package io.tally.genesis;

/** Builds the JSON paths used in {@link Problem}s, such as {@code validators[2].publicKey}. */
final class JsonPath {
    private static final int MAX_SHOWN = 64;

    private JsonPath() {}

    static String field(String parent, String name) {
        String shown = name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}") ? name : quote(name);
        return parent.isEmpty() ? shown : parent + "." + shown;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** A JSON-style quoted, length-limited rendering of untrusted text for an error message. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        int n = Math.min(s.length(), MAX_SHOWN);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(s.length() > MAX_SHOWN ? "...\"" : "\"").toString();
    }
}
