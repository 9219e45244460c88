package org.watchpost.collector.fleet;

/**
 * How many fresh agents must agree before a target's consensus is down or degraded.
 *
 * <pre>{@code
 * Quorum.MAJORITY.required(3)   // 2
 * Quorum.atLeast(2).required(1) // 2: one fresh agent cannot reach it, its failure stays a partial view
 * }</pre>
 *
 * @param kind  majority of the fresh agents, all of them, or a fixed count
 * @param count the fixed count, for {@link Kind#COUNT}; 0 otherwise
 */
public record Quorum(Kind kind, int count) {
    public enum Kind { MAJORITY, ALL, COUNT }

    public static final Quorum MAJORITY = new Quorum(Kind.MAJORITY, 0);
    public static final Quorum ALL = new Quorum(Kind.ALL, 0);

    public Quorum {
        if (kind == null) {
            throw new IllegalArgumentException("quorum kind is required");
        }
        if (kind == Kind.COUNT && count < 1) {
            throw new IllegalArgumentException("a quorum count must be at least 1, was " + count);
        }
        if (kind != Kind.COUNT && count != 0) {
            throw new IllegalArgumentException("only a COUNT quorum has a count");
        }
    }

    public static Quorum atLeast(int count) {
        return new Quorum(Kind.COUNT, count);
    }

    /** Agreeing agents needed out of {@code fresh}; always at least 1. */
    public int required(int fresh) {
        return switch (kind) {
            case MAJORITY -> Math.max(1, fresh / 2 + 1);
            case ALL -> Math.max(1, fresh);
            case COUNT -> count;
        };
    }

    /** As written in the config: {@code majority}, {@code all} or the number. */
    @Override
    public String toString() {
        return kind == Kind.COUNT ? Integer.toString(count) : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
