package dev.switchboard.core.it.spi;

import dev.switchboard.api.Client;
import dev.switchboard.api.ConnectionListener;
import dev.switchboard.api.Message;
import dev.switchboard.api.MessageHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Listed in generated META-INF/services files as both a listener and the message handler. */
public class DiscoveredHooks implements ConnectionListener, MessageHandler {

    public static final List<String> CONNECTED_USERS = new CopyOnWriteArrayList<>();

    @Override
    public void onConnected(Client client) {
        CONNECTED_USERS.add(client.userId());
    }

    @Override
    public void onMessage(Client client, Message message) {
        client.send("discovered:" + message.event(), message.data(Object.class));
    }
}
