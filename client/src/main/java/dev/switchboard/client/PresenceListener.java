package dev.switchboard.client;

import java.util.List;

/** Told about a {@code presence} push: who joined and who left a room the client is in (either list may be empty). */
@FunctionalInterface
public interface PresenceListener {
    void onPresence(String room, List<Member> joined, List<Member> left);
}
