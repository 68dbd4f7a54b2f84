package io.tally.rpc.server;

import java.util.List;
import java.util.Locale;

/**
 * The Host allowlist (a defence against DNS rebinding: a browser page cannot make the node believe
 * it is being called as {@code localhost} under another name) and the CORS origin list.
 */
final class HttpGuards {
    private final List<String> allowedHosts;
    private final List<String> corsOrigins;

    HttpGuards(List<String> allowedHosts, List<String> corsOrigins) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    /** True if the Host header (with or without port, IPv6 in brackets) is allowed. */
    boolean hostAllowed(String hostHeader) {
        if (allowedHosts.contains("*")) {
            return true;
        }
        if (hostHeader == null || hostHeader.isEmpty()) {
            return false;
        }
        String h = hostHeader.toLowerCase(Locale.ROOT);
        String name;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            name = end < 0 ? h : h.substring(0, end + 1);
        } else {
            int colon = h.indexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
        }
        return allowedHosts.contains(name);
    }

    /** True if a request carrying this Origin header may proceed (no Origin: not a browser CORS call). */
    boolean originAllowed(String origin) {
        return origin == null || corsOrigins.contains("*") || corsOrigins.contains(origin);
    }

    /** The Access-Control-Allow-Origin value for an allowed origin. */
    String allowOriginHeader(String origin) {
        return corsOrigins.contains("*") ? "*" : origin;
    }
}
