package org.watchpost.agent.eval;

import java.util.Objects;

/**
 * One page of the evaluation and what it should be called.
 *
 * @param set      which material it belongs to
 * @param group    the row of that material's table: the stack, the documentation package, the encoding, ...
 * @param name     what the page is, for the lists of misses and false alarms (a file name for static material)
 * @param expected healthy or the right failure class
 * @param band     page-size band, or "-" when the set does not vary sizes
 * @param position where a failure snippet was put in its host page, or "-"
 */
record Sample(MaterialSet set, String group, String name, Expected expected, String band, String position) {
    Sample {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expected, "expected");
        band = band == null ? "-" : band;
        position = position == null ? "-" : position;
    }

    Sample(MaterialSet set, String group, String name, Expected expected) {
        this(set, group, name, expected, "-", "-");
    }

    /** A sample and what the agent made of it. */
    record Judged(Sample sample, Outcome outcome) {
        boolean failure() {
            return !sample.expected().healthy();
        }

        boolean caught() {
            return failure() && outcome.alarm();
        }

        boolean rightClass() {
            return failure() && sample.expected().rightClass(outcome.primary());
        }

        boolean falseAlarm() {
            return !failure() && outcome.alarm();
        }
    }
}
