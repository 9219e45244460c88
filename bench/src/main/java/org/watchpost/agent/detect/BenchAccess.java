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
}
