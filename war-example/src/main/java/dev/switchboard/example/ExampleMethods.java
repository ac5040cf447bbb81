package dev.switchboard.example;

import dev.switchboard.api.Client;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.MethodProvider;
import dev.switchboard.api.Methods;
import dev.switchboard.api.RequestContext;
import dev.switchboard.api.RpcException;
import dev.switchboard.core.endpoint.Hubs;
import dev.switchboard.core.hub.Hub;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The example's methods, listed in {@code META-INF/services/dev.switchboard.api.MethodProvider}:
 * a small chat reaching a room, a user, a client or everyone, a profile lookup, and system methods
 * that show delayed answers, cancellation and calling back into the client. Stateless; the hub is
 * the one {@link HubLifecycle} installed.
 */
public class ExampleMethods implements MethodProvider {

    /** The longest {@code system:slow} delay; its method timeout is a little over it. */
    static final long MAX_SLOW_MS = 10_000;

    public record ChatSend(String room, String text) {
    }

    public record ChatTo(String target, String text) {
    }

    public record ChatMessage(String from, String text, String room) {
    }

    public record Slow(long ms, Object value) {
    }

    public record Callback(String method, Object data) {
    }

    @Override
    public void register(Methods methods) {
        methods.namespace("chat")
                .method("send", this::send)
                .method("direct", ctx -> deliver(ctx, (hub, to, message) -> {
                    boolean online = hub.client(to).isPresent();
                    hub.sendToClient(to, "chat:message", message);
                    return online;
                }))
                .method("whisper", ctx -> deliver(ctx, (hub, to, message) -> {
                    boolean online = !hub.clientsOfUser(to).isEmpty();
                    hub.sendToUser(to, "chat:message", message);
                    return online;
                }))
                .method("announce", this::announce);
        methods.namespace("profile").method("whoami", ctx -> whoami(ctx.client()));
        methods.namespace("system")
                .method("echo", ctx -> ctx.payload(Object.class))
                .method("slow", Duration.ofMillis(MAX_SLOW_MS + 2_000), this::slow)
                .method("callback", this::callback);
    }

    private static Hub hub() {
        return Hubs.current();
    }

    /** To the room, except the sender; the sender must be in the room. */
    private Object send(RequestContext ctx) {
        ChatSend send = ctx.payload(ChatSend.class);
        if (send == null || send.room() == null || send.text() == null) {
            throw new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT, "chat:send needs {room, text}");
        }
        if (!ctx.client().rooms().contains(send.room())) {
            throw new RpcException("NOT_IN_ROOM", "Join '" + send.room() + "' before sending to it");
        }
        hub().sendToRoom(send.room(), "chat:message", new ChatMessage(ctx.client().userId(), send.text(), send.room()),
                List.of(ctx.client().id()));
        return Map.of("delivered", true);
    }

    /** Sends a message to a target; true if the target was connected to this node. */
    private interface Target {
        boolean send(Hub hub, String target, ChatMessage message);
    }

    private Object deliver(RequestContext ctx, Target target) {
        ChatTo to = ctx.payload(ChatTo.class);
        if (to == null || to.target() == null || to.text() == null) {
            throw new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT, ctx.method() + " needs {target, text}");
        }
        return Map.of("delivered", target.send(hub(), to.target(), new ChatMessage(ctx.client().userId(), to.text(), null)));
    }

    /** To every client but the sender. */
    private Object announce(RequestContext ctx) {
        ChatTo message = ctx.payload(ChatTo.class);
        if (message == null || message.text() == null) {
            throw new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT, "chat:announce needs {text}");
        }
        hub().broadcast("chat:message", new ChatMessage(ctx.client().userId(), message.text(), null), List.of(ctx.client().id()));
        return Map.of("delivered", true);
    }

    private static Map<String, Object> whoami(Client client) {
        String tenant = client.handshake().pathParameter("tenant");
        return Map.of("id", client.id(), "userId", client.userId(), "tenant", tenant == null ? "" : tenant,
                "rooms", client.rooms().stream().sorted().toList());
    }

    /** Answers {@code value} after {@code ms}; a cancel or timeout stops it. */
    private Object slow(RequestContext ctx) {
        Slow slow = ctx.payload(Slow.class);
        if (slow == null || slow.ms() < 0 || slow.ms() > MAX_SLOW_MS) {
            throw new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT, "system:slow needs {ms: 0.." + MAX_SLOW_MS + ", value}");
        }
        Executor later = CompletableFuture.delayedExecutor(slow.ms(), TimeUnit.MILLISECONDS);
        CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> ctx.success(slow.value()), later);
        ctx.onCancel(() -> answer.cancel(false));
        return null;
    }

    /** Calls {@code method} on the caller itself and answers with what the caller answered. */
    private Object callback(RequestContext ctx) {
        Callback callback = ctx.payload(Callback.class);
        if (callback == null || callback.method() == null) {
            throw new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT, "system:callback needs {method, data}");
        }
        return hub().request(ctx.client().id(), callback.method(), callback.data(), Object.class, Duration.ofSeconds(5));
    }
}
