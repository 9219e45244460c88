package org.watchpost.collector.ingest;

import org.watchpost.collector.store.AgentStatus;
import org.watchpost.protocol.AgentHealth;

/**
 * What ingest reports about itself; the collector's metrics implement it. Methods must be fast and must not throw.
 * Every method defaults to doing nothing.
 */
public interface IngestMetrics {
    IngestMetrics NONE = new IngestMetrics() {
    };

    /** A report was committed: {@code fresh} new records, the agent's accounting and health after it. */
    default void stored(AgentStatus agent, int fresh, AgentHealth health) {
    }

    default void rejected(RejectReason reason) {
    }
}
