package dev.switchboard.core.cluster;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Redis is, parsed from a URL. Immutable.
 * <ul>
 *   <li>{@code redis://host:port} — one server (default port 6379)</li>
 *   <li>{@code rediss://host:port} — the same over TLS</li>
 *   <li>{@code redis://user:password@host:port/db} — with ACL credentials and a database number
 *       ({@code redis://:password@host} for a password only)</li>
 *   <li>{@code redis-cluster://host1:port1,host2:port2} (or {@code rediss-cluster://}) — seed nodes of
 *       a Redis Cluster; the bus then uses sharded pub/sub. No database number.</li>
 * </ul>
 *
 * @param nodes    the server, or the cluster's seed nodes
 * @param cluster  whether this is a Redis Cluster
 * @param tls      whether connections use TLS
 * @param user     ACL user or {@code null}
 * @param password password or {@code null}
 * @param database database number (standalone only)
 */
public record RedisAddress(List<HostAndPort> nodes, boolean cluster, boolean tls, String user, String password,
                           int database) {

    private static final int DEFAULT_PORT = 6379;

    public RedisAddress {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one Redis node is needed");
        }
        if (cluster && database != 0) {
            throw new IllegalArgumentException("Redis Cluster has no database numbers");
        }
        if (!cluster && nodes.size() > 1) {
            throw new IllegalArgumentException("several hosts need the redis-cluster:// scheme");
        }
    }

    /**
     * Parses a Redis URL.
     *
     * @throws IllegalArgumentException for an unknown scheme or a malformed URL
     */
    public static RedisAddress parse(String url) {
        int schemeEnd = url == null ? -1 : url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("not a Redis URL: " + url);
        }
        String scheme = url.substring(0, schemeEnd);
        boolean cluster = scheme.endsWith("-cluster");
        String base = cluster ? scheme.substring(0, scheme.length() - "-cluster".length()) : scheme;
        if (!base.equals("redis") && !base.equals("rediss")) {
            throw new IllegalArgumentException("unknown Redis URL scheme: " + scheme);
        }
        String rest = url.substring(schemeEnd + 3);
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            if (colon < 0) {
                password = user;
                user = null;
            }
        }
        int database = 0;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String db = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
            database = db.isEmpty() ? 0 : parseInt(db, "database");
        }
        List<HostAndPort> nodes = new ArrayList<>();
        for (String hostPort : rest.split(",")) {
            nodes.add(hostAndPort(hostPort.trim()));
        }
        return new RedisAddress(nodes, cluster, base.equals("rediss"), emptyToNull(user), emptyToNull(password),
                database);
    }

    /** The Jedis client settings for these credentials, database and TLS, with the given timeouts. */
    JedisClientConfig clientConfig(String clientName, int timeoutMillis) {
        return configBuilder(clientName, timeoutMillis).build();
    }

    /**
     * The same for a subscriber connection, which stays on RESP2 (no HELLO 3): Jedis 8 negotiates RESP3
     * by default, where a PING on a subscribed connection is answered {@code +PONG} and Jedis's
     * subscriber loop can read it before {@code JedisPubSub.ping()} has registered its handler, failing
     * with "Unexpected message : PONG". In RESP2 the answer is a {@code pong} pub/sub frame it always handles.
     */
    JedisClientConfig subscriberConfig(String clientName, int timeoutMillis) {
        return configBuilder(clientName, timeoutMillis).serverDefaultProtocol().build();
    }

    private DefaultJedisClientConfig.Builder configBuilder(String clientName, int timeoutMillis) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .ssl(tls)
                .database(database)
                .clientName(clientName)
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis);
        if (password != null) {
            builder.user(user).password(password);
        }
        return builder;
    }

    @Override
    public String toString() {
        return (tls ? "rediss" : "redis") + (cluster ? "-cluster" : "") + "://" + nodes
                + (database == 0 ? "" : "/" + database);
    }

    private static HostAndPort hostAndPort(String hostPort) {
        if (hostPort.isEmpty()) {
            throw new IllegalArgumentException("empty host in Redis URL");
        }
        int colon = hostPort.lastIndexOf(':');
        boolean bracketed = hostPort.startsWith("[");
        if (colon < 0 || (bracketed && colon < hostPort.indexOf(']'))) {
            return new HostAndPort(stripBrackets(hostPort), DEFAULT_PORT);
        }
        return new HostAndPort(stripBrackets(hostPort.substring(0, colon)),
                parseInt(hostPort.substring(colon + 1), "port"));
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " in Redis URL: " + text, e);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
