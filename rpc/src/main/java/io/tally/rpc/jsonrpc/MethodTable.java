package io.tally.rpc.jsonrpc;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The registered methods by name, in registration order (the order of the OpenRPC document). */
public final class MethodTable {
    private final Map<String, RpcMethod> methods;

    private MethodTable(Map<String, RpcMethod> methods) {
        this.methods = Collections.unmodifiableMap(methods);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<RpcMethod> get(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    public Collection<RpcMethod> all() {
        return methods.values();
    }

    /** Collects methods; a name registered twice is a programming error. */
    public static final class Builder {
        private final Map<String, RpcMethod> methods = new LinkedHashMap<>();

        public Builder add(RpcMethod m) {
            if (methods.putIfAbsent(m.name(), m) != null) {
                throw new IllegalStateException("method registered twice: " + m.name());
            }
            return this;
        }

        public MethodTable build() {
            return new MethodTable(new LinkedHashMap<>(methods));
        }
    }
}
