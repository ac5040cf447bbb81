package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;

/**
 * Spells cluster channels as Redis channel names under a prefix: {@code <prefix>:broadcast},
 * {@code <prefix>:room:<name>}, {@code <prefix>:user:<id>}, {@code <prefix>:client:<id>},
 * {@code <prefix>:node:<serverId>}. Immutable.
 */
final class ChannelNames {

    static final String DEFAULT_PREFIX = "switchboard";

    private final String prefix;

    ChannelNames(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.contains(" ")) {
            throw new IllegalArgumentException("prefix must be a non-empty string without spaces");
        }
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    String name(ClusterChannel channel) {
        return channel.kind() == ClusterChannel.Kind.BROADCAST
                ? prefix + ":broadcast"
                : prefix + ':' + channel.kind().wireName() + ':' + channel.target();
    }

    /** The key of a node's lease; keys and channels live in separate Redis namespaces. */
    String leaseKey(String serverId) {
        return prefix + ":node:" + serverId;
    }

    String presenceKey(String kind, String id) {
        return prefix + ":presence:" + kind + ':' + id;
    }
}
