package org.watchpost.collector.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.watchpost.collector.store.AgentStatus;
import org.watchpost.collector.store.LatestResult;
import org.watchpost.collector.store.ResultStore;

/** The collector's {@link ResultStore} as the fleet reads it. */
public final class StoreResultSource implements ResultSource {
    private final ResultStore store;

    public StoreResultSource(ResultStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public List<Observation> latest() {
        List<LatestResult> latest = store.latest();
        List<Observation> out = new ArrayList<>(latest.size());
        for (LatestResult r : latest) {
            if (r.result().time() != null) {
                out.add(new Observation(r.target(), r.agent(), r.result(), r.receivedAt()));
            }
        }
        return out;
    }

    @Override
    public List<AgentSeen> agents() {
        List<AgentSeen> out = new ArrayList<>();
        for (AgentStatus a : store.agents()) {
            // Configured agents that never reported have no last_seen: nothing to judge yet.
            if (a.lastSeen() != null) {
                out.add(new AgentSeen(a.id(), a.version(), a.lastSeen(), a.health()));
            }
        }
        return out;
    }
}
