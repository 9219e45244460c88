package org.watchpost.agent.detect;

/**
 * What a target's page normally contains: fingerprints of anchor hits seen while the target was up. A hit found
 * again is content (a help article about database errors, a status page listing past incidents), not a failure.
 * Implementations are bounded.
 */
public interface Baseline {
    Baseline NONE = new Baseline() {
        @Override
        public boolean contains(long fingerprint) {
            return false;
        }

        @Override
        public void remember(long fingerprint) {
        }
    };

    boolean contains(long fingerprint);

    void remember(long fingerprint);
}
