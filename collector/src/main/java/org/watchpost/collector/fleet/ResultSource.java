package org.watchpost.collector.fleet;

import java.util.List;

/**
 * What the fleet reads from the collector's store: the latest result per (target, agent) and the agents. The wiring
 * adapts the store's {@code ResultStore} to it, so the fleet does not depend on how results are kept.
 */
public interface ResultSource {
    /** The latest result of every (target, agent) pair. */
    List<Observation> latest();

    /** Every agent that ever reported. */
    List<AgentSeen> agents();
}
