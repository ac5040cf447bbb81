package dev.switchboard.core.endpoint;

import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.connection.Transport;
import jakarta.websocket.Session;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * when any of that is missing or {@code -Dswitchboard.tyrus.directWrites=false}. On Tyrus's Grizzly
 * container the frame goes on to the Grizzly connection itself ({@link GrizzlyWrites}). Frames still
 * meet Tyrus's own (close, pong) in the socket's one write queue, in order, one send in flight per socket.
 *
 * <p>Loaded by {@link SessionTransport} (reflectively) once a Tyrus session is seen; stateless
 * after construction (the fields are read-only reflection handles; the Grizzly step keeps its own
 * thread-safe cache).
 */
final class TyrusFrames implements SessionTransport.DirectWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TyrusFrames.class);
    private static final boolean GRIZZLY_ALLOWED =
            !"false".equalsIgnoreCase(System.getProperty("switchboard.grizzly.directWrites"));

    private final Class<?> sessionClass;
    private final Field webSocket;
    private final Field protocolHandler;
    private final Field writer;
    /** Past Tyrus's writer to Grizzly's connection, when the writer is Tyrus's Grizzly one; else null. */
    private final GrizzlyWrites grizzly;

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
        grizzly = grizzlyWrites(writerOf(session)); // fails now, not on the first send, if the chain does not hold
    }

    private static GrizzlyWrites grizzlyWrites(Writer writer) {
        if (!GRIZZLY_ALLOWED || !writer.getClass().getName().equals(GrizzlyWrites.WRITER_CLASS)) {
            return null;
        }
        try {
            GrizzlyWrites writes = new GrizzlyWrites(writer.getClass());
            writes.connectionOf(writer);
            LOG.debug("Text frames go straight to Grizzly's connections");
            return writes;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.info("Text frames go through Tyrus's Grizzly writer ({})", e.toString());
            return null;
        }
    }

    private static Field field(ClassLoader loader, String className, String name) throws ReflectiveOperationException {
        Field field = Class.forName(className, false, loader).getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** The session's Grizzly connection or Tyrus writer; null for a session this cannot write (an extension, another class, no writer). */
    @Override
    public Object target(Session session) {
        if (session.getClass() != sessionClass || !session.getNegotiatedExtensions().isEmpty()) {
            return null;
        }
        try {
            Writer tyrus = writerOf(session);
            return grizzly != null && tyrus.getClass().getName().equals(GrizzlyWrites.WRITER_CLASS)
                    ? grizzly.connectionOf(tyrus) : tyrus;
        } catch (RuntimeException e) {
            LOG.debug("Frames of session {} go through sendText: {}", session.getId(), e.toString());
            return null;
        }
    }

    @Override
    public void write(Session session, Object target, OutboundFrame frame, Transport.Completion completion) {
        if (!session.isOpen()) {
            completion.done(new IllegalStateException("The session is closed"));
            return;
        }
        if (!(target instanceof Writer tyrus)) {
            grizzly.write((org.glassfish.grizzly.Connection<?>) target, encode(frame), completion);
            return;
        }
        tyrus.write(ByteBuffer.wrap(encode(frame)), new CompletionHandler<>() {
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

    /** The Grizzly step when Tyrus runs on its Grizzly container, else null. */
    GrizzlyWrites grizzly() {
        return grizzly;
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
