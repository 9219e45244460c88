package org.watchpost.collector.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Verdict;

/**
 * Decides one target's state from its agents' latest results. Pure: the same inputs give the same view.
 *
 * <p>Only fresh results count (probe time within {@code stale_after} of now). Down needs a quorum of fresh agents
 * reporting down; degraded a quorum reporting down or degraded. Fewer failing agents than the quorum is a partial
 * view: shown, never an outage, because one vantage point's failure is as often its own network as the site.
 */
public final class Consensus {
    private Consensus() {
    }

    public static TargetView decide(String target, List<Observation> observations, Instant now,
                                    FleetSettings settings) {
        Duration staleAfter = settings.staleAfter();
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparing((Observation o) -> o.result().time()).reversed()
                .thenComparing(Observation::agent));
        List<AgentResult> agents = new ArrayList<>(sorted.size());
        List<Observation> fresh = new ArrayList<>();
        for (Observation o : sorted) {
            boolean stale = o.result().time().plus(staleAfter).isBefore(now);
            agents.add(new AgentResult(o.agent(), o.result().verdict(), o.result().primaryClass(), o.result().time(),
                    stale));
            if (!stale) {
                fresh.add(o);
            }
        }
        CheckResult newest = sorted.isEmpty() ? null : sorted.get(0).result();
        String site = newest == null ? "" : newest.labels().getOrDefault("site", "");
        String team = newest == null ? "" : newest.labels().getOrDefault("team", "");
        String url = newest == null || newest.url() == null ? "" : newest.url();
        int required = settings.quorumFor(target, site).required(fresh.size());
        if (fresh.isEmpty()) {
            return new TargetView(target, site, team, url, FleetState.NO_DATA, null, "", "", "", List.of(), required,
                    agents, null, null, null);
        }
        List<Observation> down = new ArrayList<>();
        List<Observation> failing = new ArrayList<>();
        List<String> working = new ArrayList<>();
        for (Observation o : fresh) {
            Verdict v = o.result().verdict();
            if (v == Verdict.DOWN) {
                down.add(o);
            }
            if (v != Verdict.UP) {
                failing.add(o);
            } else {
                working.add(o.agent());
            }
        }
        Instant lastCheck = fresh.get(0).result().time();
        FleetState state;
        List<Observation> agreeing;
        if (down.size() >= required) {
            state = FleetState.DOWN;
            agreeing = down;
        } else if (failing.size() >= required) {
            state = FleetState.DEGRADED;
            agreeing = failing;
        } else if (!failing.isEmpty()) {
            state = FleetState.PARTIAL;
            agreeing = failing;
        } else {
            return new TargetView(target, site, team, url, FleetState.UP, null, "", "", "", sortedNames(working),
                    required, agents, lastCheck, null, null);
        }
        FailureClass primary = primaryClass(agreeing);
        // Evidence from the newest agreeing result of that class; `agreeing` is newest first.
        Finding finding = null;
        for (Observation o : agreeing) {
            if (o.result().primaryClass() == primary) {
                finding = o.result().findings().stream().filter(f -> f.failureClass() == primary).findFirst()
                        .orElse(o.result().findings().isEmpty() ? null : o.result().findings().get(0));
                break;
            }
        }
        List<String> names = sortedNames(agreeing.stream().map(Observation::agent).toList());
        return new TargetView(target, site, team, url, state, primary,
                finding == null ? "" : finding.signature(), finding == null ? "" : finding.evidence(),
                finding == null ? "" : finding.hint(), names, required, agents, lastCheck, null, null);
    }

    /** The class most agreeing agents report; a tie goes to the class first in the primary-class order. */
    static FailureClass primaryClass(List<Observation> agreeing) {
        Map<FailureClass, Integer> votes = new EnumMap<>(FailureClass.class);
        for (Observation o : agreeing) {
            votes.merge(o.result().primaryClass(), 1, Integer::sum);
        }
        FailureClass best = null;
        for (Map.Entry<FailureClass, Integer> e : votes.entrySet()) {
            // EnumMap iterates in declaration order, so the first maximum is the tie-break winner.
            if (best == null || e.getValue() > votes.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    private static List<String> sortedNames(List<?> names) {
        List<String> out = new ArrayList<>();
        for (Object n : names) {
            out.add(n instanceof Observation o ? o.agent() : (String) n);
        }
        out.sort(null);
        return out;
    }
}
