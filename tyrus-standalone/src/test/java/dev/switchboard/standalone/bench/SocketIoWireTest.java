package dev.switchboard.standalone.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The loader's Socket.IO dialect: the bench's frames out as Socket.IO packets, packets back as frames. */
class SocketIoWireTest {

    private final SocketIoWire wire = new SocketIoWire();

    @Test
    void authenticateIsTheNamespaceConnectAndItsAnswerIsConnected() {
        assertEquals("40{\"token\":\"t1\"}", wire.outbound(Frames.authenticate("t1")));
        SocketIoWire.Inbound in = wire.inbound("40{\"sid\":\"abc\"}");
        assertEquals("connected", Frames.string(in.frame(), "event"));
        assertEquals("abc", Frames.string(in.frame(), "id"));
        assertEquals("error", Frames.string(wire.inbound("44{\"message\":\"no\"}").frame(), "event"));
    }

    @Test
    void requestsAndJoinsAreAckedEventsAnsweredWithTheirOwnIds() {
        assertEquals("421[\"join\",\"bench\"]", wire.outbound(Frames.join("bench")));
        assertEquals("422[\"system:echo\",{\"n\":7}]", wire.outbound(Frames.request("r-7", "system:echo", "{\"n\":7}")));
        SocketIoWire.Inbound echo = wire.inbound("432[{\"n\":7}]");
        assertEquals("response", Frames.string(echo.frame(), "event"));
        assertEquals("r-7", Frames.scalar(echo.frame(), "id"));
        assertEquals("7", Frames.scalar(echo.frame(), "n"));
        SocketIoWire.Inbound joined = wire.inbound("431[{\"rooms\":[\"bench\"],\"rejected\":[]}]");
        assertEquals("joined", Frames.string(joined.frame(), "event"));
        assertEquals("\"bench\"", Frames.array(joined.frame(), "rooms"));
        assertEquals("error", Frames.string(wire.inbound("432[{}]").frame(), "event"), "an ack is used once");
    }

    @Test
    void anEmittedEventIsAnEnvelope() {
        String frame = wire.inbound("42[\"chat:message\",{\"room\":\"bench\",\"text\":\"0:1:2\",\"time\":5}]").frame();
        assertEquals("chat:message", Frames.string(frame, "event"));
        assertEquals("0:1:2", Frames.string(frame, "text"));
        assertEquals("5", Frames.scalar(frame, "time"));
    }

    @Test
    void pingsAreAnsweredAndNotPassedOn() {
        SocketIoWire.Inbound ping = wire.inbound("2");
        assertEquals("3", ping.reply());
        assertNull(ping.frame());
        SocketIoWire.Inbound open = wire.inbound("0{\"sid\":\"x\",\"pingInterval\":25000}");
        assertNull(open.frame());
        assertNull(open.reply());
    }

    @Test
    void aFrameWithoutAPacketIsAFailureOfTheBenchNotASilentDrop() {
        assertThrows(BenchFailure.class, () -> wire.outbound("{\"event\":\"heartbeat\"}"));
    }
}
