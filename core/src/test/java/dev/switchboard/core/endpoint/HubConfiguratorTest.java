package dev.switchboard.core.endpoint;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.config.Settings;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Subprotocol negotiation: the client's order of preference, the endpoint's instance of the name. */
class HubConfiguratorTest {

    private final HubConfigurator configurator = new HubConfigurator(null, OriginPolicy.from(Settings.from(Map.of())));

    @Test
    void theFirstOfferedNameTheEndpointSupportsWinsAsTheEndpointsOwnString() {
        List<String> supported = List.of(SwitchboardEndpoint.SUBPROTOCOL, SwitchboardEndpoint.SUBPROTOCOL_BATCH);
        // the client's copies, as a container parses them out of its header
        String batch = new String(SwitchboardEndpoint.SUBPROTOCOL_BATCH.toCharArray());
        String plain = new String(SwitchboardEndpoint.SUBPROTOCOL.toCharArray());
        assertSame(SwitchboardEndpoint.SUBPROTOCOL_BATCH,
                configurator.getNegotiatedSubprotocol(supported, List.of("chat", batch, plain)));
        assertSame(SwitchboardEndpoint.SUBPROTOCOL, configurator.getNegotiatedSubprotocol(supported, List.of(plain, batch)));
    }

    @Test
    void noCommonNameOrNoOfferIsTheEmptyString() {
        List<String> supported = List.of(SwitchboardEndpoint.SUBPROTOCOL);
        assertEquals("", configurator.getNegotiatedSubprotocol(supported, List.of("chat")));
        assertEquals("", configurator.getNegotiatedSubprotocol(supported, List.of()));
        assertEquals("", configurator.getNegotiatedSubprotocol(supported, null));
    }
}
