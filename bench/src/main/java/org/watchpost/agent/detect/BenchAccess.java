package org.watchpost.agent.detect;

/**
 * The benchmarks' one window into the detector's package: the body automaton a library compiled. It is package-private
 * in the agent on purpose (callers go through {@link Detector}); the benchmarks need the very object the detector scans
 * with, not a re-creation of its pattern list that could drift from {@code SignatureLibrary.compile}. This class sits
 * in the bench module only, in the same package name, and is never on the agent's class path.
 */
public final class BenchAccess {
    private BenchAccess() {
    }

    /** The automaton of every body anchor (text, title and html scopes, with their escaped spellings). */
    public static AnchorAutomaton bodyAutomaton(SignatureLibrary library) {
        if (library.body().isEmpty()) {
            throw new IllegalArgumentException("the library has no body signatures to scan with");
        }
        return library.body().automaton();
    }

    /**
     * Signature hits on a page answered with {@code status}: anchors of the signatures for any status and of those
     * limited to it, without the detector's own {@code </html>} marker.
     */
    public static int signatureHits(SignatureLibrary library, byte[] page, int status) {
        int hits = 0;
        for (SignatureLibrary.Compiled c : new SignatureLibrary.Compiled[] {library.body(), library.bodyFor(status)}) {
            if (c.isEmpty()) {
                continue;
            }
            for (int[] h : c.automaton().findAll(page)) {
                if (c.signature()[h[0]] != SignatureLibrary.INTERNAL) {
                    hits++;
                }
            }
        }
        return hits;
    }
}
