package io.tally.genesis;

import java.util.regex.Pattern;

/** Names of validators and nodes: short, printable, safe in file names, logs and metric labels. */
final class Names {
    static final int MAX_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Names() {}

    static String check(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_LENGTH
                    + " characters of letters, digits, '.', '_' and '-'"
                    + (name == null ? "" : ", got " + JsonPath.quote(name)));
        }
        return name;
    }
}
