package dev.switchboard.core.it.spi;

import dev.switchboard.api.Client;
import dev.switchboard.api.RoomValidator;

import java.util.Collection;
import java.util.List;

/** Listed in a generated META-INF/services file: allows rooms named {@code spi-*}. */
public class DiscoveredRoomValidator implements RoomValidator {
    @Override
    public Collection<String> allowedRooms(Client client, List<String> requested) {
        return requested.stream().filter(room -> room.startsWith("spi-")).toList();
    }
}
