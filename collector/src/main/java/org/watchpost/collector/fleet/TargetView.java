package org.watchpost.collector.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.watchpost.protocol.FailureClass;

/**
 * The fleet's decision about one target at one moment: an immutable snapshot the incidents, the metrics, the status
 * page and its JSON twin all read.
 *
 * @param site        the {@code site} label of the newest result, "" when none
 * @param team        the {@code team} label of the newest result, "" when none
 * @param url         the URL the newest result probed, "" when unknown
 * @param primaryClass the class most of the agreeing agents report; null when working or unknown
 * @param signature   the signature of the primary finding the evidence comes from, "" when none
 * @param evidence    what the newest agreeing result saw, "" when none
 * @param hint        what to look at first, "" when none
 * @param agreeing    the agents behind the state: the failing ones when failing or partial, else the working ones
 * @param required    agreeing agents the quorum needs out of the fresh ones
 * @param agents      every agent's latest result for the target, stale ones included and marked
 * @param lastCheck   the newest fresh result's probe time; null when nothing is fresh
 * @param since       when the target entered this state (as far as this collector saw)
 * @param maintenance the name of the maintenance window it is in, null when none
 */
public record TargetView(String target, String site, String team, String url, FleetState state,
                         FailureClass primaryClass, String signature, String evidence, String hint,
                         List<String> agreeing, int required, List<AgentResult> agents, Instant lastCheck,
                         Instant since, String maintenance) {
    public TargetView {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        site = site == null ? "" : site;
        team = team == null ? "" : team;
        url = url == null ? "" : url;
        signature = signature == null ? "" : signature;
        evidence = evidence == null ? "" : evidence;
        hint = hint == null ? "" : hint;
        agreeing = List.copyOf(agreeing);
        agents = List.copyOf(agents);
        if (state.failing() && primaryClass == null) {
            throw new IllegalArgumentException("a " + state + " target needs a primary class");
        }
    }

    public TargetView withSince(Instant since) {
        return new TargetView(target, site, team, url, state, primaryClass, signature, evidence, hint, agreeing,
                required, agents, lastCheck, since, maintenance);
    }

    public TargetView withMaintenance(String window) {
        return new TargetView(target, site, team, url, state, primaryClass, signature, evidence, hint, agreeing,
                required, agents, lastCheck, since, window);
    }

    public int freshAgents() {
        return (int) agents.stream().filter(a -> !a.stale()).count();
    }

    public int staleAgents() {
        return (int) agents.stream().filter(AgentResult::stale).count();
    }

    /** "seen from eu-1 only" for a partial view; "" otherwise. */
    public String partialNote() {
        if (state != FleetState.PARTIAL) {
            return "";
        }
        return "seen from " + String.join(", ", agreeing) + " only";
    }
}
