package dev.switchboard.core.internal.hub;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.Handshake;
import dev.switchboard.core.hub.HubConfig;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.internal.connection.LinkHandler;
import dev.switchboard.core.internal.connection.Transport;
import dev.switchboard.core.internal.limits.Limiter;

import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The adapter's door: opening a socket registers a new UNAUTHORIZED connection on it, starts its
 * authentication timer and returns the socket's {@link Link}. This record is the handler of every
 * such socket (one for all, so an idle socket holds none of its own): it routes their frames to the
 * {@link InboundRouter} and their end to the {@link Lifecycle}. The home side of a relay gets the
 * same handler for a socket of another node ({@link #remote}), so a relayed session is served exactly
 * as a local one. Stateless; thread-safe.
 */
public record Sockets(HubContext context, Lifecycle lifecycle, Suspensions suspensions, AuthFlow auth,
                      InboundRouter router, BooleanSupplier shutDown) implements LinkHandler {

    /** A socket of this node opened: its handler, for every later event of that socket. */
    public Link open(Transport transport, Handshake handshake) {
        Link link = link(transport, handshake);
        Connection connection = new Connection(UUID.randomUUID().toString(), link, lifecycle, suspensions.enabled());
        context.registry().add(connection);
        Limiter.Refusal refused = context.limiter().admit(link, transport.reportsClose());
        if (refused != null) {
            lifecycle.terminate(connection, Lifecycle.OPEN, refused.closeCode(), refused.reason(), refused.error());
            return link;
        }
        Future<?> authTimer = shutDown.getAsBoolean() ? null : lifecycle.schedule("auth timeout of " + connection.id(),
                () -> auth.timedOut(connection), context.config().authTimeout());
        if (authTimer == null) {
            lifecycle.terminate(connection, Lifecycle.OPEN, CloseCodes.GOING_AWAY, "Server shutting down", null);
            return link;
        }
        connection.authTimer(authTimer);
        context.debug().connection("{} opened from {} on {}", connection.id(), handshake.remoteAddress(),
                handshake.path());
        return link;
    }

    /** A socket of another node, serving a session of this one once a resume moves it there. */
    public Link remote(Transport transport, Handshake handshake) {
        return link(transport, handshake);
    }

    /**
     * For the adapter's handshake: whether the node is at its connection limit now, so the upgrade is
     * refused (counted as a limit hit). A socket that opens anyway past the limit is closed with 1013.
     */
    public boolean refusesHandshake() {
        return context.limiter().refusesHandshake();
    }

    private Link link(Transport transport, Handshake handshake) {
        HubConfig config = context.config();
        Link link = new Link(transport, handshake, lifecycle, config.maxQueuedBytes(), config.overflowPolicy(),
                context.encryption().writer());
        link.allowance(context.limiter().allowance());
        link.handler(this);
        return link;
    }

    @Override
    public void onText(Link link, String text) {
        if (link.isCurrent()) {
            router.onText(link.connection(), text);
        }
    }

    @Override
    public void onBinary(Link link) {
        if (link.isCurrent()) {
            router.onBinary(link.connection());
        }
    }

    @Override
    public void onClose(Link link, int code, String reason) {
        context.limiter().closed(link);
        lifecycle.transportClosed(link, code, reason);
    }

    /** The socket is closed with 1011; its connection ends or, when it is a session, is suspended. */
    @Override
    public void onError(Link link, Throwable error) {
        if (!link.isCurrent()) {
            link.closeNow(CloseCodes.INTERNAL_ERROR, "Unexpected error");
            return;
        }
        Connection connection = link.connection();
        context.debug().error("{} error: {}", connection.id(), error.toString());
        if (!suspensions.suspend(connection, link, CloseCodes.INTERNAL_ERROR, "Unexpected error", true)) {
            lifecycle.terminate(connection, Lifecycle.OPEN, CloseCodes.INTERNAL_ERROR, "Unexpected error", null);
        }
    }
}
