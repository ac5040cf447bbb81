package dev.switchboard.core.testing.redis;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RedisServer} for all tests of a class:
 * {@code @RegisterExtension static final SharedRedis REDIS = new SharedRedis();}. Started before
 * the first test, closed after the last; used from the test thread only.
 */
public final class SharedRedis implements BeforeAllCallback, AfterAllCallback {

    private RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public RedisServer server() {
        return server;
    }

    public String url() {
        return server.url();
    }
}
