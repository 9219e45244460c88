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

    /**
     * The usual size of the target's healthy page when it ends with {@code </html>}, or 0 when that is not known (not
     * enough healthy pages yet, or the page does not end that way). A page clearly shorter than this that lacks
     * {@code </html>}, with nothing else wrong, was cut off mid-way ({@code check.page_incomplete}).
     */
    default long typicalClosedPageBytes() {
        return 0;
    }
}
