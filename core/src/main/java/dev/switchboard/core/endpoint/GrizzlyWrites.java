package dev.switchboard.core.endpoint;

import dev.switchboard.core.internal.connection.Transport;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Processor;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * The last step of {@link TyrusFrames} on Tyrus's Grizzly container: a frame goes to the socket's
 * Grizzly connection itself, not through Tyrus's {@code GrizzlyWriter}, which wraps every write in a
 * task, a queue node and a lock per socket (its queue only holds a write back while Grizzly's own
 * write queue is over its limit, and a socket here never has more than one of our frames in it).
 * When every filter of the connection's chain passes a written buffer through unchanged (the HTTP
 * codec, idle timeouts, the file cache, Tyrus's upgrade filter: no TLS, no compression, nothing
 * unknown), the frame goes straight to the TCP transport's asynchronous write queue, where the chain
 * would hand it in the end; otherwise it goes through the chain. A JFR profile of a 2,000-client
 * fan-out put a fifth of its samples in those two layers (JFR does not see the kernel's part of a
 * send, most of a delivery on loopback: docs/benchmarks.md, fifth pass). Frames from either path and
 * Tyrus's own (close, pong) meet in the connection's one write queue, in the order they are written.
 *
 * <p>A write skips Grizzly's idle-timeout bookkeeping on the fast path: the standalone server and
 * Tyrus's own Grizzly server turn that timeout off for upgraded sockets (the hub's heartbeat ends idle
 * ones). {@code -Dswitchboard.grizzly.directWrites=false} sends frames through Tyrus's writer instead.
 *
 * <p>Thread-safe: the reflection handle is read-only; the last chain checked is cached in a volatile
 * field (every socket of a listener shares its chain).
 */
final class GrizzlyWrites {

    static final String WRITER_CLASS = "org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter";

    /** Filters known to pass a written {@code Buffer} on untouched (exact classes, not subclasses). */
    private static final Set<String> PASS_THROUGH = Set.of(
            "org.glassfish.grizzly.filterchain.TransportFilter",
            "org.glassfish.grizzly.http.HttpServerFilter",
            "org.glassfish.grizzly.http.server.HttpServerFilter",
            "org.glassfish.grizzly.http.server.FileCacheFilter",
            "org.glassfish.grizzly.utils.IdleTimeoutFilter",
            "org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter");

    private final Field connection;
    private volatile Verdict last = new Verdict(null, false);

    private record Verdict(Processor chain, boolean passesThrough) {
    }

    /** @throws ReflectiveOperationException when {@code writerClass} is not the Grizzly writer this knows */
    GrizzlyWrites(Class<?> writerClass) throws ReflectiveOperationException {
        if (!writerClass.getName().equals(WRITER_CLASS)) {
            throw new ClassNotFoundException(writerClass.getName() + " is not " + WRITER_CLASS);
        }
        connection = writerClass.getDeclaredField("connection");
        if (!Connection.class.isAssignableFrom(connection.getType())) {
            throw new NoSuchFieldException("GrizzlyWriter.connection is not this application's Grizzly Connection");
        }
        connection.setAccessible(true);
    }

    /** The Grizzly connection under a {@link #WRITER_CLASS} writer. */
    Connection<?> connectionOf(Object writer) {
        try {
            return (Connection<?>) connection.get(writer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Grizzly's connection is not reachable", e);
        }
    }

    /** Writes one encoded frame; {@code completion} runs once Grizzly has written all of it, or failed. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void write(Connection<?> target, byte[] frame, Transport.Completion completion) {
        Buffer buffer = Buffers.wrap(target.getMemoryManager(), frame);
        Done done = new Done(completion);
        if (target.getTransport() instanceof TCPNIOTransport tcp && passesThrough(target.getProcessor())) {
            ((org.glassfish.grizzly.Writer) tcp.getAsyncQueueIO().getWriter()).write((Connection) target, buffer,
                    (CompletionHandler) done);
        } else {
            ((Connection) target).write(buffer, (CompletionHandler) done);
        }
    }

    private boolean passesThrough(Processor processor) {
        Verdict verdict = last;
        if (verdict.chain() != processor) {
            verdict = new Verdict(processor, isPassThrough(processor));
            last = verdict;
        }
        return verdict.passesThrough();
    }

    /** Whether the last chain written to passed frames straight to the transport; null before any write. For tests. */
    Boolean lastPassedThrough() {
        Verdict verdict = last;
        return verdict.chain() == null ? null : verdict.passesThrough();
    }

    static boolean isPassThrough(Processor processor) {
        if (!(processor instanceof FilterChain chain)) {
            return false;
        }
        for (Filter filter : chain) {
            if (!PASS_THROUGH.contains(filter.getClass().getName())) {
                return false;
            }
        }
        return true;
    }

    /** Grizzly's completion, as the transport's. */
    @SuppressWarnings("rawtypes")
    private static final class Done extends EmptyCompletionHandler<WriteResult> {
        private final Transport.Completion completion;

        Done(Transport.Completion completion) {
            this.completion = completion;
        }

        @Override
        public void completed(WriteResult result) {
            completion.done(null);
        }

        @Override
        public void failed(Throwable failure) {
            completion.done(failure);
        }

        @Override
        public void cancelled() {
            completion.done(new CancellationException("The write was cancelled"));
        }
    }
}
