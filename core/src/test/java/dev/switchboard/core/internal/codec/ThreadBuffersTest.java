package dev.switchboard.core.internal.codec;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** One spare buffer per thread, and Parsson really reads with it. */
class ThreadBuffersTest {

    private final ThreadBuffers pool = new ThreadBuffers();

    @Test
    void aThreadGetsBackTheBufferItGaveAndOnlyOne() {
        char[] first = pool.take();
        assertEquals(ThreadBuffers.CHARS, first.length);
        pool.recycle(first);
        assertSame(first, pool.take());
        assertNotSame(first, pool.take(), "the spare was taken: a new buffer");
        pool.recycle(first);
        pool.recycle(new char[ThreadBuffers.CHARS]);
        assertSame(first, pool.take(), "a second buffer given back is dropped, the spare kept");
    }

    @Test
    void eachThreadHasItsOwnSpareAndGrownBuffersAreNotKept() throws Exception {
        char[] mine = pool.take();
        pool.recycle(mine);
        char[] theirs = CompletableFuture.supplyAsync(pool::take).get();
        assertNotSame(mine, theirs);
        assertSame(mine, pool.take());
        pool.recycle(new char[ThreadBuffers.KEPT_CHARS + 1]);
        assertEquals(ThreadBuffers.CHARS, pool.take().length);
    }

    @Test
    void parssonReadsWithThePoolItIsConfiguredWith() {
        Map<String, Object> config = ThreadBuffers.config();
        ThreadBuffers installed = assertInstanceOf(ThreadBuffers.class, config.values().iterator().next());
        String text = "{\"event\":\"pooled\"}";
        try (JsonParser parser = JsonProvider.provider().createParserFactory(config).createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                parser.next();
            }
        }
        char[] used = installed.take();
        assertEquals(text, new String(used, 0, text.length()), "the parser's buffer came back to this thread's slot");
    }
}
