package dev.switchboard.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy from 127.0.0.1:ephemeral to a local port that the test can cut: {@link #killAll()}
 * resets every current connection (SO_LINGER 0, then close: an RST both ways, so neither the client
 * nor the server sees a WebSocket close frame); while {@link #refuse refusing}, new connections are
 * reset as soon as they are accepted (a partition). At most {@value #MAX_CONNECTIONS} connections at
 * once (two pump threads each, daemon); closing the proxy stops every thread.
 */
public final class TcpProxy implements AutoCloseable {

    static final int MAX_CONNECTIONS = 16;

    private record Pair(Socket client, Socket server) {
    }

    private final ServerSocket listener;
    private volatile int targetPort;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private final ExecutorService threads;
    private final AtomicInteger killed = new AtomicInteger();
    private volatile boolean refusing;
    /** What servers sent to clients, as ISO-8859-1 text, when {@link #tapDownstream} was called. */
    private volatile StringBuffer downstream;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(1 + 2 * MAX_CONNECTIONS, runnable -> {
            Thread thread = new Thread(runnable, "tcp-proxy-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code ws://127.0.0.1:<proxy port><path>}. */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    /**
     * From now on records the bytes servers send to clients (server frames are not masked, so their
     * text can be read off the wire); {@link #downstreamText()} returns them.
     */
    public void tapDownstream() {
        downstream = new StringBuffer();
    }

    public String downstreamText() {
        StringBuffer tap = downstream;
        return tap == null ? "" : tap.toString();
    }

    /** Sends the connections made from now on to {@code port}, as a load balancer switching nodes would. */
    public void retarget(int port) {
        this.targetPort = port;
    }

    /** From now on resets ({@code true}) or forwards ({@code false}) every new connection. */
    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    /** A partition: resets every connection open now and refuses new ones until {@code refuse(false)}. */
    public int cut() {
        refuse(true);
        return killAll();
    }

    /** Resets every connection open now. @return how many were reset */
    public int killAll() {
        int count = 0;
        for (Pair pair : pairs) {
            reset(pair.client());
            reset(pair.server());
            pairs.remove(pair);
            count++;
        }
        killed.addAndGet(count);
        return count;
    }

    public int killedCount() {
        return killed.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            try {
                if (refusing || pairs.size() >= MAX_CONNECTIONS) {
                    reset(client);
                    continue;
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Pair pair = new Pair(client, server);
                pairs.add(pair);
                threads.execute(() -> pump(pair, client, server, false));
                threads.execute(() -> pump(pair, server, client, true));
            } catch (IOException | RejectedExecutionException e) {
                reset(client);
            }
        }
    }

    /** Copies bytes one way until either side ends; then ends the pair (a plain close, or an RST if killed). */
    private void pump(Pair pair, Socket from, Socket to, boolean toClient) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                StringBuffer tap = downstream;
                if (toClient && tap != null) {
                    tap.append(new String(buffer, 0, read, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the pair was killed or a side went away
        } finally {
            if (pairs.remove(pair)) {
                close(pair.client());
                close(pair.server());
            }
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        close(socket);
    }

    private static void close(java.io.Closeable socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        close(listener);
        killAll();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
