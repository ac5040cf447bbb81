package dev.switchboard.standalone.bench;

/** A run that cannot produce honest figures: a verification failure, a server that did not start, a timeout. */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
