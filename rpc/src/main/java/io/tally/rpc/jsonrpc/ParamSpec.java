package io.tally.rpc.jsonrpc;

import java.util.Objects;

/** One parameter of a method: its name, type, whether it is required, and a description. */
public record ParamSpec(String name, ParamType type, boolean required, String description) {
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    public static ParamSpec required(String name, ParamType type, String description) {
        return new ParamSpec(name, type, true, description);
    }

    public static ParamSpec optional(String name, ParamType type, String description) {
        return new ParamSpec(name, type, false, description);
    }
}
