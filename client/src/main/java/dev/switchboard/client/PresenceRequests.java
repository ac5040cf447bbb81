package dev.switchboard.client;

import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.RpcException;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code presence} requests waiting for their answer (a {@code presence} frame or an {@code error}
 * echoing the id), and the decoding of presence pushes for {@link PresenceListener}s. A request
 * lost with a session that could not be resumed is asked again in the next one (it only reads), after
 * the rooms were joined again. Thread-safe; the waiting requests are a concurrent map.
 */
final class PresenceRequests {

    private record Waiting(String room, CompletableFuture<List<Member>> future) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Executor executor;
    private final ScheduledExecutorService timers;
    private final Function<Envelope, CompletableFuture<Void>> sender;

    PresenceRequests(Executor executor, ScheduledExecutorService timers,
                     Function<Envelope, CompletableFuture<Void>> sender) {
        this.executor = executor;
        this.timers = timers;
        this.sender = sender;
    }

    /** Sends {@code presence {room}}; completes with the members, or fails with the server's code, a timeout or DISCONNECTED. */
    CompletableFuture<List<Member>> ask(String id, String room, Duration timeout) {
        CompletableFuture<List<Member>> future = new CompletableFuture<>();
        waiting.put(id, new Waiting(room, future));
        send(id, room);
        if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
            Dispatch.later(timers, () -> fail(id, new RpcException(ErrorCodes.REQUEST_TIMEOUT,
                    "No 'presence' answer within " + timeout.toMillis() + " ms")), timeout.toMillis());
        }
        return future;
    }

    private void send(String id, String room) {
        CompletableFuture<Void> sent;
        try {
            sent = sender.apply(new Envelope("presence", Map.of("room", room), id, null, null, null));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ignored, failure) -> {
            if (failure != null) {
                fail(id, Calls.asRpc(failure));
            }
        });
    }

    /** A {@code presence} frame with an id is an answer (a late one is dropped); @return false for a push */
    boolean answered(Codec.Frame frame) {
        if (frame.id() == null) {
            return false;
        }
        Waiting found = waiting.remove(frame.id());
        if (found != null) {
            List<Member> members = members(frame.data(), "members");
            Dispatch.run(executor, () -> {
                if (members == null) {
                    found.future().completeExceptionally(new RpcException(ErrorCodes.INVALID_MESSAGE_FORMAT,
                            "The server's 'presence' answer has no members list"));
                } else {
                    found.future().complete(members);
                }
            });
        }
        return true;
    }

    /** Fails the waiting request with this id. @return whether there was one */
    boolean fail(String id, RpcException failure) {
        Waiting found = id == null ? null : waiting.remove(id);
        if (found == null) {
            return false;
        }
        Dispatch.run(executor, () -> found.future().completeExceptionally(failure));
        return true;
    }

    void failAll(RpcException failure) {
        Set.copyOf(waiting.keySet()).forEach(id -> fail(id, failure));
    }

    /** The session is gone: asks again the requests that had gone out on it (the others are still queued). */
    void askAgainExcept(Set<String> queued) {
        waiting.forEach((id, request) -> {
            if (!queued.contains(id)) {
                send(id, request.room());
            }
        });
    }

    /** The push handler behind {@code onPresence}: decodes a push and tells the listener. */
    static Consumer<Payload> pushes(PresenceListener listener) {
        return payload -> {
            JsonValue data = payload.as(JsonValue.class);
            if (data instanceof JsonObject object && object.get("room") instanceof JsonString room) {
                List<Member> joined = members(data, "joined");
                List<Member> left = members(data, "left");
                listener.onPresence(room.getString(), joined == null ? List.of() : joined, left == null ? List.of() : left);
            }
        };
    }

    /** The members listed under {@code field} of an object; null when it is not a list (entries without a client id are skipped). */
    private static List<Member> members(JsonValue data, String field) {
        if (!(data instanceof JsonObject object) || !(object.get(field) instanceof JsonArray array)) {
            return null;
        }
        List<Member> members = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (value instanceof JsonObject member && member.get("clientId") instanceof JsonString clientId) {
                members.add(new Member(clientId.getString(),
                        member.get("userId") instanceof JsonString userId ? userId.getString() : null));
            }
        }
        return List.copyOf(members);
    }
}
