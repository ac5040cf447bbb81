package dev.switchboard.api;

import java.util.Collection;
import java.util.List;

/**
 * Decides which rooms a client may join by its own {@code join} request. Without a validator every
 * client-requested join is refused; rooms joined by the server ({@code hub.joinRoom}, default rooms)
 * are not validated.
 */
@FunctionalInterface
public interface RoomValidator {

    /**
     * @param client    the requesting client (authenticated)
     * @param requested well-formed room names the client asked for, without duplicates
     * @return the subset the client may join; anything else returned is ignored
     */
    Collection<String> allowedRooms(Client client, List<String> requested) throws Exception;
}
