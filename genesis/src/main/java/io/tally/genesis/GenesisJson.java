package io.tally.genesis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tally.crypto.Address;
import io.tally.crypto.PublicKey;
import io.tally.crypto.SignDomain;
import io.tally.ledger.block.ValidatorSet;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code genesis.json} (format 1, see docs/genesis.md). Reading is strict and
 * exhaustive: unknown fields, duplicate keys, wrong types, fractions where integers belong, bad
 * keys, addresses and amounts, duplicates and overflow are all collected, each with its JSON path,
 * before an {@link InvalidFileException} is thrown.
 */
public final class GenesisJson {
    /** Generous for a million allocations, small enough to read into memory safely. */
    public static final long MAX_FILE_BYTES = 128L * 1024 * 1024;

    private static final Set<String> ROOT = Set.of("format", "chainId", "genesisTime", "validators", "alloc",
            "consensus", "observers");
    private static final Set<String> VALIDATOR = Set.of("name", "publicKey", "p2pAddress");
    private static final Set<String> ALLOC = Set.of("address", "balance");
    private static final Set<String> CONSENSUS = Set.of("maxBlockTransactions", "maxBlockBytes",
            "viewTimeoutMillisBase", "viewTimeoutMaxMultiplier", "heartbeatMillis");
    private static final Pattern RFC3339_UTC =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.(\\d{1,9}))?Z");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,39}");
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private GenesisJson() {}

    public static Genesis read(Path file) throws InvalidFileException {
        List<Problem> problems = new ArrayList<>();
        JsonNode root = StrictJson.readFile(file, MAX_FILE_BYTES, problems);
        return build(file, root, problems);
    }

    public static Genesis parse(byte[] json) throws InvalidFileException {
        List<Problem> problems = new ArrayList<>();
        JsonNode root = StrictJson.read(json, problems);
        return build(null, root, problems);
    }

    private static Genesis build(Path file, JsonNode root, List<Problem> problems) throws InvalidFileException {
        Genesis g = root == null ? null : fromTree(root, problems);
        if (!problems.isEmpty() || g == null) {
            throw new InvalidFileException(file, problems.isEmpty() ? List.of(new Problem("", "invalid")) : problems);
        }
        return g;
    }

    private static Genesis fromTree(JsonNode root, List<Problem> problems) {
        Fields f = Fields.of(root, "", problems, ROOT);
        if (f == null) {
            return null;
        }
        Long format = f.integer("format", 0, Integer.MAX_VALUE);
        if (format != null && format != Genesis.FORMAT) {
            problems.add(new Problem("format", "unsupported format " + format + "; this version reads format "
                    + Genesis.FORMAT));
        }
        String chainId = checked(f.string("chainId"), "chainId", problems, c -> {
            SignDomain.checkChainId(c);
            return c;
        });
        Instant time = checked(f.string("genesisTime"), "genesisTime", problems, GenesisJson::parseTime);
        List<GenesisValidator> validators = validators(f, problems);
        Set<PublicKey> validatorKeys = new java.util.HashSet<>();
        if (validators != null) {
            validators.forEach(v -> validatorKeys.add(v.publicKey()));
        }
        List<Allocation> alloc = f.has("alloc") ? alloc(f, problems) : List.of();
        ConsensusParams consensus = consensus(f.required("consensus"), "consensus", problems);
        List<PublicKey> observers = f.has("observers") ? observers(f, validatorKeys, problems) : List.of();
        if (!problems.isEmpty() || chainId == null || time == null || validators == null || alloc == null
                || consensus == null || observers == null) {
            return null;
        }
        try {
            return new Genesis(chainId, time, validators, alloc, consensus, observers);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // The checks above should have caught this; report it rather than crash.
            problems.add(new Problem("", e.getMessage()));
            return null;
        }
    }

    static Instant parseTime(String s) {
        Matcher m = RFC3339_UTC.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be an RFC 3339 UTC time such as 2025-01-01T00:00:00Z, got "
                    + JsonPath.quote(s));
        }
        if (m.group(1) != null && m.group(1).length() > 3) {
            throw new IllegalArgumentException("must have at most millisecond precision, got " + JsonPath.quote(s));
        }
        Instant t;
        try {
            t = Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a valid date and time: " + JsonPath.quote(s));
        }
        Genesis.checkTime(t);
        return t;
    }

    private static List<GenesisValidator> validators(Fields f, List<Problem> problems) {
        ArrayNode arr = f.array("validators", ValidatorSet.MAX_VALIDATORS);
        if (arr == null) {
            return null;
        }
        if (arr.isEmpty()) {
            problems.add(new Problem("validators", "at least one validator is required (n >= 1)"));
            return null;
        }
        List<GenesisValidator> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<PublicKey, String> keys = new HashMap<>();
        Map<String, String> endpoints = new HashMap<>();
        for (int i = 0; i < arr.size(); i++) {
            String path = JsonPath.index("validators", i);
            Fields v = Fields.of(arr.get(i), path, problems, VALIDATOR);
            if (v == null) {
                continue;
            }
            String name = checked(v.string("name"), v.path("name"), problems, n -> Names.check(n, "name"));
            PublicKey key = checked(v.string("publicKey"), v.path("publicKey"), problems, Keys::parsePublicKey);
            P2pAddress addr = checked(v.string("p2pAddress"), v.path("p2pAddress"), problems, P2pAddress::parse);
            unique(names, name, v.path("name"), "name " + (name == null ? "" : JsonPath.quote(name)), problems);
            unique(keys, key, v.path("publicKey"), "public key", problems);
            unique(endpoints, addr == null ? null : addr.endpoint(), v.path("p2pAddress"),
                    "p2p endpoint " + (addr == null ? "" : addr.endpoint()), problems);
            if (name != null && key != null && addr != null) {
                out.add(new GenesisValidator(name, key, addr));
            }
        }
        return out.size() == arr.size() ? out : null;
    }

    private static List<Allocation> alloc(Fields f, List<Problem> problems) {
        ArrayNode arr = f.array("alloc", Genesis.MAX_ALLOCATIONS);
        if (arr == null) {
            return null;
        }
        List<Allocation> out = new ArrayList<>();
        Map<Address, String> seen = new HashMap<>();
        BigInteger supply = BigInteger.ZERO;
        for (int i = 0; i < arr.size(); i++) {
            String path = JsonPath.index("alloc", i);
            Fields a = Fields.of(arr.get(i), path, problems, ALLOC);
            if (a == null) {
                continue;
            }
            Address address = checked(a.string("address"), a.path("address"), problems, Address::parse);
            unique(seen, address, a.path("address"), "address", problems);
            Long balance = balance(a.required("balance"), a.path("balance"), problems);
            if (balance != null) {
                supply = supply.add(BigInteger.valueOf(balance));
            }
            if (address != null && balance != null) {
                out.add(new Allocation(address, balance));
            }
        }
        if (supply.compareTo(MAX_LONG) > 0) {
            problems.add(new Problem("alloc", "total supply " + supply + " exceeds 2^63-1 (" + Long.MAX_VALUE + ")"));
            return null;
        }
        return out.size() == arr.size() ? out : null;
    }

    /** A positive amount up to 2^63-1: a JSON integer or a decimal string, never a fraction. */
    static Long balance(JsonNode v, String path, List<Problem> problems) {
        if (v == null) {
            return null;
        }
        BigInteger b;
        if (v.isTextual()) {
            String s = v.textValue();
            if (s.startsWith("-") && DECIMAL.matcher(s.substring(1)).matches()) {
                problems.add(new Problem(path, "must not be negative, got " + JsonPath.quote(s)));
                return null;
            }
            if (!DECIMAL.matcher(s).matches()) {
                problems.add(new Problem(path, "must be a decimal integer string without sign or leading zeros, got "
                        + JsonPath.quote(s)));
                return null;
            }
            b = new BigInteger(s);
        } else if (v.isIntegralNumber()) {
            b = v.bigIntegerValue();
        } else if (v.isNumber()) {
            problems.add(new Problem(path, "must be an integer, not a fraction or exponent; got " + Fields.shortText(v)));
            return null;
        } else {
            problems.add(new Problem(path, "must be an integer (JSON number or decimal string), got " + Fields.kind(v)));
            return null;
        }
        if (b.signum() < 0) {
            problems.add(new Problem(path, "must not be negative, got " + Fields.abbreviate(b)));
            return null;
        }
        if (b.signum() == 0) {
            problems.add(new Problem(path, "must be positive (leave the address out instead of giving it 0)"));
            return null;
        }
        if (b.compareTo(MAX_LONG) > 0) {
            problems.add(new Problem(path, "exceeds 2^63-1 (" + Long.MAX_VALUE + "), got " + Fields.abbreviate(b)));
            return null;
        }
        return b.longValueExact();
    }

    static ConsensusParams consensus(JsonNode node, String path, List<Problem> problems) {
        Fields c = Fields.of(node, path, problems, CONSENSUS);
        if (c == null) {
            return null;
        }
        Long txs = c.integer("maxBlockTransactions", 1, ConsensusParams.MAX_BLOCK_TRANSACTIONS);
        Long bytes = c.integer("maxBlockBytes", ConsensusParams.MIN_BLOCK_BYTES, ConsensusParams.MAX_BLOCK_BYTES);
        Long base = c.integer("viewTimeoutMillisBase", ConsensusParams.MIN_VIEW_TIMEOUT_MILLIS,
                ConsensusParams.MAX_VIEW_TIMEOUT_MILLIS);
        Long mult = c.integer("viewTimeoutMaxMultiplier", 1, ConsensusParams.MAX_VIEW_TIMEOUT_MULTIPLIER);
        Long beat = c.integer("heartbeatMillis", 0, ConsensusParams.MAX_HEARTBEAT_MILLIS);
        if (txs == null || bytes == null || base == null || mult == null || beat == null) {
            return null;
        }
        return new ConsensusParams(txs.intValue(), bytes.intValue(), base, mult.intValue(), beat);
    }

    private static List<PublicKey> observers(Fields f, Set<PublicKey> validatorKeys, List<Problem> problems) {
        ArrayNode arr = f.array("observers", Genesis.MAX_OBSERVERS);
        if (arr == null) {
            return null;
        }
        List<PublicKey> out = new ArrayList<>();
        Map<PublicKey, String> seen = new HashMap<>();
        for (int i = 0; i < arr.size(); i++) {
            String path = JsonPath.index("observers", i);
            PublicKey k = checked(Fields.string(arr.get(i), path, problems), path, problems, Keys::parsePublicKey);
            unique(seen, k, path, "observer key", problems);
            if (k != null && validatorKeys.contains(k)) {
                problems.add(new Problem(path, "is a validator's key; observers are extra peers only"));
            } else if (k != null) {
                out.add(k);
            }
        }
        return out.size() == arr.size() ? out : null;
    }

    /** Applies a throwing parser to a value already read, turning its message into a problem. */
    static <T> T checked(String value, String path, List<Problem> problems, java.util.function.Function<String, T> parse) {
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(path, e.getMessage()));
            return null;
        }
    }

    static <K> void unique(Map<K, String> seen, K key, String path, String what, List<Problem> problems) {
        if (key == null) {
            return;
        }
        String first = seen.putIfAbsent(key, path);
        if (first != null) {
            problems.add(new Problem(path, "duplicate " + what + " (first used at " + first + ")"));
        }
    }

    /** The JSON text of {@code g}: pretty-printed, fields in a fixed order, balances as strings. */
    public static String write(Genesis g) {
        StringWriter out = new StringWriter();
        try (JsonGenerator j = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            j.writeStartObject();
            j.writeNumberField("format", Genesis.FORMAT);
            j.writeStringField("chainId", g.chainId());
            j.writeStringField("genesisTime", g.genesisTime().toString());
            j.writeObjectFieldStart("consensus");
            ConsensusParams c = g.consensus();
            j.writeNumberField("maxBlockTransactions", c.maxBlockTransactions());
            j.writeNumberField("maxBlockBytes", c.maxBlockBytes());
            j.writeNumberField("viewTimeoutMillisBase", c.viewTimeoutMillisBase());
            j.writeNumberField("viewTimeoutMaxMultiplier", c.viewTimeoutMaxMultiplier());
            j.writeNumberField("heartbeatMillis", c.heartbeatMillis());
            j.writeEndObject();
            j.writeArrayFieldStart("validators");
            for (GenesisValidator v : g.validators()) {
                j.writeStartObject();
                j.writeStringField("name", v.name());
                j.writeStringField("publicKey", v.publicKey().toHex());
                j.writeStringField("p2pAddress", v.p2pAddress().toString());
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeArrayFieldStart("alloc");
            for (Allocation a : g.alloc()) {
                j.writeStartObject();
                j.writeStringField("address", a.address().toString());
                // A string, because JavaScript and many JSON tools lose precision above 2^53.
                j.writeStringField("balance", Long.toString(a.balance()));
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeArrayFieldStart("observers");
            for (PublicKey k : g.observers()) {
                j.writeString(k.toHex());
            }
            j.writeEndArray();
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return out + "\n";
    }
}
