package dev.switchboard.core.internal.limits;

import dev.switchboard.api.Handshake;
import dev.switchboard.core.hub.Limits;

import java.util.List;
import java.util.Set;

/**
 * The client address a socket counts against: the peer's IP, or, when the peer is a trusted proxy
 * and sent the configured header, the rightmost address in that header that is not itself a
 * trusted proxy (what a chain of proxies appends to {@code X-Forwarded-For}). Stateless.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** @return the address, or {@code "unknown"} when the container reports none */
    public static String of(Handshake handshake, Limits limits) {
        String peer = host(handshake.remoteAddress());
        if (peer == null) {
            return "unknown";
        }
        Set<String> proxies = limits.trustedProxies();
        if (limits.proxyHeader() == null || !proxies.contains(peer)) {
            return peer;
        }
        List<String> values = handshake.headers().get(limits.proxyHeader());
        if (values == null || values.isEmpty()) {
            return peer;
        }
        String[] hops = String.join(",", values).split(",");
        String chosen = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = host(hops[i].trim());
            if (hop == null || hop.isEmpty()) {
                continue;
            }
            chosen = hop;
            if (!proxies.contains(hop)) {
                break;
            }
        }
        return chosen;
    }

    /**
     * The host part of {@code host}, {@code host:port}, {@code [v6]:port}, or a full IPv6 form with a
     * port appended (8 groups then the port, as some containers print it).
     */
    static String host(String address) {
        if (address == null) {
            return null;
        }
        String text = address.trim();
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            return end < 0 ? text : text.substring(1, end);
        }
        int colons = (int) text.chars().filter(c -> c == ':').count();
        if (colons == 1 || colons == 8) {
            return text.substring(0, text.lastIndexOf(':'));
        }
        return text;
    }
}
