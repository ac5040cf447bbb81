package dev.switchboard.api;

/** What happens when a client's outbound queue would exceed its byte bound. */
public enum OverflowPolicy {
    /** Close the connection with {@link CloseCodes#TRY_AGAIN_LATER} (1013) and discard its queue. */
    CLOSE,
    /** Drop the new message for that client (counted) and keep the connection. */
    DROP
}
