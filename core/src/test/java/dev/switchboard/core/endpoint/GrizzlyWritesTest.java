package dev.switchboard.core.endpoint;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.ssl.SSLBaseFilter;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames skip the filter chain only when every filter in it passes a written buffer on untouched. */
class GrizzlyWritesTest {

    @Test
    void aPlainHttpChainPassesThroughAndTlsOrAnUnknownFilterDoesNot() throws Exception {
        assertTrue(GrizzlyWrites.isPassThrough(FilterChainBuilder.stateless().add(new TransportFilter())
                .add(new HttpServerFilter()).add(new IdleTimeoutFilter(IdleTimeoutFilter.createDefaultIdleDelayedExecutor(), -1, TimeUnit.SECONDS)).build()));
        assertFalse(GrizzlyWrites.isPassThrough(FilterChainBuilder.stateless().add(new TransportFilter())
                .add(new SSLBaseFilter(new SSLEngineConfigurator(SSLContext.getDefault(), false, false, false)))
                .add(new HttpServerFilter()).build()), "TLS encrypts what is written: the chain must see it");
        assertFalse(GrizzlyWrites.isPassThrough(FilterChainBuilder.stateless().add(new TransportFilter())
                .add(new BaseFilter() { }).build()), "a filter this does not know");
        assertFalse(GrizzlyWrites.isPassThrough(null));
    }

    @Test
    void onlyTyrusGrizzlyWriterIsTaken() {
        assertThrows(ClassNotFoundException.class, () -> new GrizzlyWrites(String.class));
    }
}
