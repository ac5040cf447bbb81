package dev.switchboard.core.testing;

import dev.switchboard.core.endpoint.SwitchboardEndpoint;
import jakarta.websocket.Session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The programmatic endpoint, counting what reaches the container's {@code onError}: an exception
 * thrown while handling a frame (it escaped the hub) or a transport failure. Static, because the
 * container creates one instance per connection; thread-safe (a copy-on-write list).
 */
public class CountingEndpoint extends SwitchboardEndpoint {

    public static final List<Throwable> ERRORS = new CopyOnWriteArrayList<>();

    @Override
    public void onError(Session session, Throwable error) {
        ERRORS.add(error);
        super.onError(session, error);
    }
}
