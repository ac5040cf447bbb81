package dev.switchboard.core.endpoint;

import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.connection.Transport;
import jakarta.websocket.Session;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Writes text frames straight to a Tyrus session's transport {@link Writer}. Tyrus's own
 * {@code sendText} builds a new charset, encoder and decoder for every frame and encodes with a
 * strict encoder of its own; profiles of a 2,000-client fan-out put a fifth of the server's CPU
 * there. This writer frames the UTF-8 itself (RFC 6455 §5.2: FIN, opcode 1, unmasked length), and a
 * numbered fan-out frame copies its shared tail's bytes, encoded once per fan-out.
 *
 * <p>It is used only for sessions of Tyrus's own session class without a negotiated extension
 * (permessage-deflate goes through Tyrus), reaches the writer through three Tyrus fields, and is off
 * when any of that is missing or {@code -Dswitchboard.tyrus.directWrites=false}. Frames still leave
 * in order through the same writer as Tyrus's own (close, pong), one send in flight per socket.
 *
 * <p>Loaded by {@link SessionTransport} (reflectively) once a Tyrus session is seen; stateless
 * after construction (the fields are read-only reflection handles).
 */
final class TyrusFrames implements SessionTransport.DirectWriter {

    private final Class<?> sessionClass;
    private final Field webSocket;
    private final Field protocolHandler;
    private final Field writer;

    /** @throws ReflectiveOperationException when this Tyrus does not have the fields this relies on */
    TyrusFrames(Session session) throws ReflectiveOperationException {
        sessionClass = session.getClass();
        ClassLoader tyrus = sessionClass.getClassLoader();
        webSocket = field(tyrus, "org.glassfish.tyrus.core.TyrusRemoteEndpoint", "webSocket");
        protocolHandler = field(tyrus, "org.glassfish.tyrus.core.TyrusWebSocket", "protocolHandler");
        writer = field(tyrus, "org.glassfish.tyrus.core.ProtocolHandler", "writer");
        if (!Writer.class.isAssignableFrom(writer.getType())) {
            throw new NoSuchFieldException("ProtocolHandler.writer is not this application's Tyrus Writer");
        }
        writerOf(session); // fails now, not on the first send, if the chain does not hold
    }

    private static Field field(ClassLoader loader, String className, String name) throws ReflectiveOperationException {
        Field field = Class.forName(className, false, loader).getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    @Override
    public boolean accepts(Session session) {
        return session.getClass() == sessionClass && session.getNegotiatedExtensions().isEmpty();
    }

    @Override
    public void write(Session session, OutboundFrame frame, Transport.Completion completion) {
        if (!session.isOpen()) {
            completion.done(new IllegalStateException("The session is closed"));
            return;
        }
        writerOf(session).write(ByteBuffer.wrap(encode(frame)), new CompletionHandler<>() {
            @Override
            public void completed(ByteBuffer result) {
                completion.done(null);
            }

            @Override
            public void failed(Throwable failure) {
                completion.done(failure);
            }

            @Override
            public void cancelled() {
                completion.done(new java.util.concurrent.CancellationException("The write was cancelled"));
            }
        });
    }

    /** One final, unmasked text frame (a server's frames are never masked). */
    static byte[] encode(OutboundFrame frame) {
        int length = frame.utf8Size();
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] out = new byte[header + length];
        out[0] = (byte) 0x81;
        if (length < 126) {
            out[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            out[1] = 126;
            out[2] = (byte) (length >>> 8);
            out[3] = (byte) length;
        } else {
            out[1] = 127;
            for (int i = 0; i < 8; i++) {
                out[9 - i] = (byte) ((long) length >>> (8 * i));
            }
        }
        frame.writeUtf8(out, header);
        return out;
    }

    private Writer writerOf(Session session) {
        try {
            return (Writer) writer.get(protocolHandler.get(webSocket.get(session.getAsyncRemote())));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Tyrus's writer is not reachable", e);
        }
    }
}
