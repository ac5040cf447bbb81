package dev.switchboard.standalone;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RequestContext;
import dev.switchboard.api.RpcException;
import dev.switchboard.core.hub.Hub;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The demo server's methods: {@code system:echo}, {@code system:time}, {@code system:delay}
 * (progress every 100 ms, cancelable), {@code chat:send} and, with a {@link DemoSockets},
 * {@code demo:drop} (the server cuts the caller's socket without a close frame, so it resumes).
 * Owns one daemon timer thread for the delays and drops; {@link #close()} stops it. Everything
 * else is stateless.
 */
public final class DemoMethods implements AutoCloseable {

    /** The longest {@code system:delay} accepted. */
    public static final long MAX_DELAY_MS = 60_000;
    private static final long PROGRESS_EVERY_MS = 100;

    public record Delay(long ms, Object value) {
    }

    public record ChatSend(String room, String text) {
    }

    public record ChatMessage(String room, String from, String text, long time) {
    }

    /** How long after answering {@code demo:drop} the socket is cut, so the answer is seen first. */
    private static final long DROP_AFTER_MS = 50;

    private final Hub hub;
    private final DemoSockets sockets;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "switchboard-demo-delays");
        thread.setDaemon(true);
        return thread;
    });

    private DemoMethods(Hub hub, DemoSockets sockets) {
        this.hub = hub;
        this.sockets = sockets;
    }

    /** Registers the demo methods on the hub. */
    public static DemoMethods register(Hub hub) {
        return register(hub, null);
    }

    /** Registers the demo methods, with {@code demo:drop} when {@code sockets} is given. */
    static DemoMethods register(Hub hub, DemoSockets sockets) {
        DemoMethods demo = new DemoMethods(hub, sockets);
        if (sockets != null) {
            hub.namespace("demo").method("drop", demo::drop);
        }
        hub.namespace("system")
                .method("echo", ctx -> ctx.success(ctx.payload(jakarta.json.JsonValue.class)))
                .method("time", ctx -> Map.of("epochMillis", System.currentTimeMillis(), "iso", Instant.now().toString()))
                .method("delay", java.time.Duration.ofMillis(MAX_DELAY_MS + 5_000), demo::delay);
        hub.namespace("chat").method("send", demo::chatSend);
        return demo;
    }

    private Object delay(RequestContext ctx) {
        Delay delay = ctx.payload(Delay.class);
        if (delay == null || delay.ms() < 0 || delay.ms() > MAX_DELAY_MS) {
            throw new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT, "system:delay needs {ms: 0.." + MAX_DELAY_MS + ", value}");
        }
        long start = System.nanoTime();
        ScheduledFuture<?> progress = timer.scheduleAtFixedRate(() -> ctx.notification(Map.of(
                        "elapsedMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), "totalMs", delay.ms())),
                PROGRESS_EVERY_MS, PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> answer = timer.schedule(() -> {
            progress.cancel(false);
            ctx.success(delay.value());
        }, delay.ms(), TimeUnit.MILLISECONDS);
        ctx.onCancel(() -> {
            progress.cancel(false);
            answer.cancel(false);
        });
        return null;
    }

    /** Answers, then cuts the caller's socket without a close frame: a network loss the client resumes from. */
    private Object drop(RequestContext ctx) {
        String key = ctx.client().handshake().header("sec-websocket-key");
        if (key == null) {
            throw new RpcException("DROP_UNAVAILABLE", "This socket cannot be dropped by the server");
        }
        timer.schedule(() -> sockets.cut(key), DROP_AFTER_MS, TimeUnit.MILLISECONDS);
        return Map.of("dropping", true);
    }

    private Object chatSend(RequestContext ctx) {
        ChatSend message = ctx.payload(ChatSend.class);
        if (message == null || message.room() == null || message.text() == null || message.text().isEmpty()) {
            throw new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT, "chat:send needs {room, text}");
        }
        if (!ctx.client().rooms().contains(message.room())) {
            throw new RpcException("NOT_IN_ROOM", "Join '" + message.room() + "' before sending to it");
        }
        hub.sendToRoom(message.room(), "chat:message",
                new ChatMessage(message.room(), ctx.client().userId(), message.text(), System.currentTimeMillis()));
        return Map.of("delivered", true);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
