package dev.switchboard.client;

import java.util.List;

/**
 * The server's answer to {@code join} ({@code joined}) or {@code leave} ({@code left}).
 *
 * @param rooms    the requested rooms the client is in now (join) or has left (leave)
 * @param rejected the requested rooms the server refused to let the client join; empty for leave
 */
public record Rooms(List<String> rooms, List<String> rejected) {

    public Rooms {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }
}
