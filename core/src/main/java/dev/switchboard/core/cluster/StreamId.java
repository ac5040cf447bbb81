package dev.switchboard.core.cluster;

/**
 * A Redis Stream entry id {@code <millis>-<seq>}, the {@code sid} of a logged bus message: strictly
 * increasing per origin, so it orders an origin's messages and names where a catch-up resumes.
 * Immutable.
 */
record StreamId(long millis, long seq) implements Comparable<StreamId> {

    /** @throws IllegalArgumentException when the text is not {@code <millis>-<seq>} */
    static StreamId parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("not a stream id: " + text);
        }
        try {
            return new StreamId(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stream id: " + text, e);
        }
    }

    /** The first id at or after {@code millis}. */
    static StreamId atMillis(long millis) {
        return new StreamId(Math.max(0, millis), 0);
    }

    /** The smallest id after this one and at or after {@code now}: how an origin's clock moves on. */
    StreamId next(long now) {
        return now > millis ? new StreamId(now, 0) : new StreamId(millis, seq + 1);
    }

    /** The XRANGE bound that excludes this id. */
    String exclusive() {
        return "(" + this;
    }

    @Override
    public int compareTo(StreamId other) {
        int byMillis = Long.compare(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compare(seq, other.seq);
    }

    @Override
    public String toString() {
        return millis + "-" + seq;
    }
}
