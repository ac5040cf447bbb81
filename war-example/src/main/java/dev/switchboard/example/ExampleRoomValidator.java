package dev.switchboard.example;

import dev.switchboard.api.Client;
import dev.switchboard.api.RoomValidator;

import java.util.Collection;
import java.util.List;

/** Clients may join the rooms whose name starts with {@code public-}. Stateless. */
public class ExampleRoomValidator implements RoomValidator {

    @Override
    public Collection<String> allowedRooms(Client client, List<String> requested) {
        return requested.stream().filter(room -> room.startsWith("public-")).toList();
    }
}
