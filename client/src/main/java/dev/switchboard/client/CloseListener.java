package dev.switchboard.client;

/** Told once when the socket ends: the close code ({@code 1006} if it failed without one) and reason. */
@FunctionalInterface
public interface CloseListener {

    void onClose(int code, String reason);
}
