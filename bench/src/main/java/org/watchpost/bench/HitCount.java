package org.watchpost.bench;

import org.watchpost.agent.detect.AnchorAutomaton;

/** Counts automaton hits, so that a scan has a result the JIT cannot discard. */
final class HitCount implements AnchorAutomaton.HitSink {
    int hits;

    @Override
    public boolean hit(int pattern, int end) {
        hits++;
        return true;
    }
}
