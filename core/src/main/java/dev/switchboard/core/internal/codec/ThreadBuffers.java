package dev.switchboard.core.internal.codec;

import org.eclipse.parsson.api.BufferPool;

import java.util.Map;

/**
 * Parsson's char buffers kept one per thread. Every parser and generator takes a buffer when it
 * opens and gives it back when it closes; Parsson's own pool is a concurrent queue shared by all
 * threads, two contended queue operations per frame read or written. A frame is read and its answer
 * written on one container thread, so one spare buffer per thread serves them all. Each thread's
 * spare is confined to it; a buffer Parsson grew past {@link #KEPT_CHARS} is left to the GC.
 *
 * <p>Only Parsson reads this setting. With another JSON-P provider it is ignored; where Parsson's
 * API is not visible to this library at all (some servers hide their provider's packages), this
 * class cannot load and {@link #config()} leaves it out.
 */
final class ThreadBuffers implements BufferPool {

    /** Parsson's own buffer size. */
    static final int CHARS = 4096;
    /** The largest buffer kept for the next parser (Parsson doubles a buffer for a long token). */
    static final int KEPT_CHARS = 4 * CHARS;

    private static final String POOL_PROPERTY = "org.eclipse.parsson.api.BufferPool";

    private final ThreadLocal<char[][]> spares = ThreadLocal.withInitial(() -> new char[1][]);

    /** The factory setting that installs a pool, or nothing when Parsson's API cannot be linked. */
    static Map<String, Object> config() {
        try {
            return Map.of(POOL_PROPERTY, new ThreadBuffers());
        } catch (LinkageError e) {
            return Map.of();
        }
    }

    @Override
    public char[] take() {
        char[][] spare = spares.get();
        char[] buffer = spare[0];
        if (buffer == null) {
            return new char[CHARS];
        }
        spare[0] = null;
        return buffer;
    }

    @Override
    public void recycle(char[] buffer) {
        if (buffer.length <= KEPT_CHARS) {
            char[][] spare = spares.get();
            if (spare[0] == null) {
                spare[0] = buffer;
            }
        }
    }
}
