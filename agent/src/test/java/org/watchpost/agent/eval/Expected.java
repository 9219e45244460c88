package org.watchpost.agent.eval;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.watchpost.protocol.FailureClass;

/**
 * What a page should be called: healthy (no finding at all), or failing with one of {@code classes} as its primary
 * class. Most failures have one right class; a few pages honestly support two (WordPress says "Error establishing a
 * database connection" when its options table is gone), and then either is right.
 */
record Expected(Set<FailureClass> classes) {
    static final Expected HEALTHY = new Expected(Set.of());

    Expected {
        classes = classes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(classes));
    }

    static Expected failure(FailureClass first, FailureClass... alternatives) {
        EnumSet<FailureClass> s = EnumSet.of(first, alternatives);
        return new Expected(s);
    }

    /** {@code healthy}, or a failure class id such as {@code db_connection} (the blind set's manifest column). */
    static Expected parse(String text) {
        String t = text.strip();
        if (t.equals("healthy")) {
            return HEALTHY;
        }
        return failure(FailureClass.fromId(t));
    }

    boolean healthy() {
        return classes.isEmpty();
    }

    boolean rightClass(FailureClass primary) {
        return primary != null && classes.contains(primary);
    }

    @Override
    public String toString() {
        if (healthy()) {
            return "healthy";
        }
        return classes.stream().sorted().map(FailureClass::id).collect(Collectors.joining(" or "));
    }
}
