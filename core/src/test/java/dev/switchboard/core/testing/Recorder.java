package dev.switchboard.core.testing;

import dev.switchboard.api.Client;
import dev.switchboard.api.ConnectionListener;
import dev.switchboard.api.Message;
import dev.switchboard.api.MessageHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the hub tells its hooks, for assertions. Thread-safe (copy-on-write lists). */
public final class Recorder implements ConnectionListener, MessageHandler {

    public record Disconnect(String clientId, String userId, int code) {
    }

    public record Received(String clientId, String event, String rawData) {
    }

    public final List<String> connected = new CopyOnWriteArrayList<>();
    public final List<Disconnect> disconnected = new CopyOnWriteArrayList<>();
    public final List<String> drained = new CopyOnWriteArrayList<>();
    public final List<String> suspended = new CopyOnWriteArrayList<>();
    public final List<String> resumed = new CopyOnWriteArrayList<>();
    public final List<Received> messages = new CopyOnWriteArrayList<>();

    @Override
    public void onConnected(Client client) {
        connected.add(client.id());
    }

    @Override
    public void onDisconnected(Client client, int closeCode, String reason) {
        disconnected.add(new Disconnect(client.id(), client.userId(), closeCode));
    }

    @Override
    public void onSuspended(Client client) {
        suspended.add(client.id());
    }

    @Override
    public void onResumed(Client client) {
        resumed.add(client.id());
    }

    @Override
    public void onDrain(Client client) {
        drained.add(client.id());
    }

    @Override
    public void onMessage(Client client, Message message) {
        messages.add(new Received(client.id(), message.event(), message.rawData()));
        if ("explode".equals(message.event())) {
            throw new IllegalStateException("handler exploded with secret detail");
        }
        if ("echo".equals(message.event())) {
            client.send("echo", message.data(Object.class));
        }
    }
}
