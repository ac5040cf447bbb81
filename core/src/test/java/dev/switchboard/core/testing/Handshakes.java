package dev.switchboard.core.testing;

import javax.net.SocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP status a WebSocket upgrade request gets, read from a raw socket: 101 when the server
 * upgrades, else its refusal's status. (The JDK client waits for the body of a refusal that some
 * containers send without a length, so it cannot tell the status in time.) Stateless.
 */
public final class Handshakes {

    private Handshakes() {
    }

    /** Sends an upgrade request to the {@code ws://} URI with {@code Origin: origin} (none when null); returns the status. */
    public static int status(URI uri, String origin) {
        return status(SocketFactory.getDefault(), uri, origin);
    }

    /** The same over the given sockets, e.g. an {@code SSLSocketFactory} for {@code wss://}. */
    public static int status(SocketFactory sockets, URI uri, String origin) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: switchboard.v1\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "\r\n";
        try (Socket socket = sockets.createSocket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
            out.write(request);
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new IllegalStateException("not an HTTP response: " + statusLine);
            }
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
