package dev.switchboard.api.encryption;

/**
 * What the sealer and the opener of one direction share: the last counter it sealed or accepted,
 * and whether the direction is retired (channel destroyed or handed off). Both fields are guarded
 * by the subclass's own monitor, which its seal or open holds too.
 */
abstract class DirectionCounter {

    /** The last counter sealed (sealer) or accepted (opener); 0 before the first. */
    long last;
    /** Once set, the direction seals or opens nothing more. */
    boolean retired;

    DirectionCounter(long last) {
        this.last = last;
    }

    synchronized long last() {
        return last;
    }

    /** Stops this direction for good (destroy or hand-off); returns its last counter. */
    synchronized long retire() {
        retired = true;
        return last;
    }
}
