package org.watchpost.collector.fleettest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.watchpost.collector.fleet.AgentSeen;
import org.watchpost.collector.fleet.Observation;
import org.watchpost.collector.fleet.ResultSource;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Severity;
import org.watchpost.protocol.Verdict;

/** An in-memory stand-in for the collector's store: the latest result per (target, agent). */
public final class FakeResults implements ResultSource {
    private final Map<String, Observation> latest = new ConcurrentHashMap<>();
    private final Map<String, AgentSeen> agents = new ConcurrentHashMap<>();

    public void report(String agent, CheckResult result, Instant receivedAt) {
        latest.put(result.target() + "/" + agent, new Observation(result.target(), agent, result, receivedAt));
        agents.put(agent, new AgentSeen(agent, "0.1.0", receivedAt, null));
    }

    @Override
    public List<Observation> latest() {
        return new ArrayList<>(latest.values());
    }

    @Override
    public List<AgentSeen> agents() {
        return new ArrayList<>(agents.values());
    }

    public static CheckResult up(String target, Instant time, String site, String team) {
        return new CheckResult(target, time, Verdict.UP, null, 200, List.of(), 0.1, "https://" + target
                + ".example.org/", null, Map.of("site", site, "team", team));
    }

    public static CheckResult down(String target, Instant time, FailureClass cls, String evidence, String site,
                                   String team) {
        Finding f = Finding.certain(cls, "test." + cls.id(), Severity.CRITICAL,
                evidence, "look at " + cls.id());
        Verdict v = cls.impact().verdict();
        return new CheckResult(target, time, v, cls, 200, List.of(f), 0.1, "https://" + target + ".example.org/",
                null, Map.of("site", site, "team", team));
    }
}
