package org.watchpost.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.fleettest.FakeResults.down;
import static org.watchpost.collector.fleettest.FakeResults.up;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;

class ConsensusTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private final FleetSettings settings = FleetSettings.defaults();

    private static Observation obs(String agent, CheckResult r) {
        return new Observation(r.target(), agent, r, r.time());
    }

    private static CheckResult full(Instant t) {
        return down("news", t, FailureClass.DB_STORAGE_FULL, "The table 'watchdog' is full", "unicri", "web");
    }

    @Test
    void oneAgentOfTwoSeeingAFailureIsAPartialViewNotAnOutage() {
        TargetView v = Consensus.decide("news", List.of(obs("eu-1", full(NOW.minusSeconds(10))),
                obs("us-1", up("news", NOW.minusSeconds(20), "unicri", "web"))), NOW, settings);

        assertThat(v.state()).isEqualTo(FleetState.PARTIAL);
        assertThat(v.partialNote()).isEqualTo("seen from eu-1 only");
        assertThat(v.evidence()).contains("watchdog");
        assertThat(v.state().failing()).isFalse();
    }

    @Test
    void aMajorityOfFreshAgentsMakesItDownWithTheirClassAndEvidence() {
        TargetView v = Consensus.decide("news", List.of(obs("eu-1", full(NOW.minusSeconds(10))),
                obs("eu-2", full(NOW.minusSeconds(5))), obs("us-1", up("news", NOW.minusSeconds(20), "unicri",
                        "web"))), NOW, settings);

        assertThat(v.state()).isEqualTo(FleetState.DOWN);
        assertThat(v.primaryClass()).isEqualTo(FailureClass.DB_STORAGE_FULL);
        assertThat(v.agreeing()).containsExactly("eu-1", "eu-2");
        assertThat(v.required()).isEqualTo(2);
        assertThat(v.site()).isEqualTo("unicri");
        assertThat(v.team()).isEqualTo("web");
        assertThat(v.hint()).isEqualTo("look at db_storage_full");
    }

    @Test
    void staleResultsDoNotCountSoTheOneFreshAgentDecides() {
        Instant old = NOW.minus(settings.staleAfter()).minusSeconds(1);
        TargetView v = Consensus.decide("news", List.of(obs("eu-1", full(NOW.minusSeconds(10))),
                obs("us-1", up("news", old, "unicri", "web"))), NOW, settings);

        assertThat(v.state()).isEqualTo(FleetState.DOWN);
        assertThat(v.freshAgents()).isEqualTo(1);
        assertThat(v.staleAgents()).isEqualTo(1);
        assertThat(v.agents()).filteredOn(AgentResult::stale).extracting(AgentResult::agent).containsExactly("us-1");
    }

    @Test
    void withNoFreshResultTheTargetIsUnknownNeverDown() {
        Instant old = NOW.minus(Duration.ofHours(1));
        TargetView v = Consensus.decide("news", List.of(obs("eu-1", full(old))), NOW, settings);

        assertThat(v.state()).isEqualTo(FleetState.NO_DATA);
        assertThat(v.primaryClass()).isNull();
    }

    @Test
    void aSiteOverrideOfOneMakesOneAgentEnoughAndATargetOverrideWinsOverIt() {
        FleetSettings s = new FleetSettings(settings.staleAfter(), settings.agentStaleAfter(), Quorum.MAJORITY,
                List.of(new QuorumOverride(null, "unicri", Quorum.atLeast(1)),
                        new QuorumOverride("events", null, Quorum.ALL)),
                2, Duration.ZERO, 100, Duration.ofSeconds(10));
        List<Observation> news = List.of(obs("eu-1", full(NOW)), obs("us-1", up("news", NOW, "unicri", "web")));
        assertThat(Consensus.decide("news", news, NOW, s).state()).isEqualTo(FleetState.DOWN);

        CheckResult ev = down("events", NOW, FailureClass.TIMEOUT, "no answer in 10s", "unicri", "web");
        List<Observation> events = List.of(obs("eu-1", ev), obs("eu-2", ev),
                obs("us-1", up("events", NOW, "unicri", "web")));
        assertThat(Consensus.decide("events", events, NOW, s).state()).isEqualTo(FleetState.PARTIAL);
    }

    @Test
    void aFixedQuorumAboveTheFreshAgentsCannotBeReached() {
        FleetSettings s = new FleetSettings(settings.staleAfter(), settings.agentStaleAfter(), Quorum.atLeast(2),
                List.of(), 2, Duration.ZERO, 100, Duration.ofSeconds(10));
        TargetView v = Consensus.decide("news", List.of(obs("eu-1", full(NOW))), NOW, s);

        assertThat(v.state()).isEqualTo(FleetState.PARTIAL);
    }

    @Test
    void degradedAndDownTogetherMakeAQuorumForDegraded() {
        CheckResult leak = down("news", NOW, FailureClass.DEBUG_LEAK, "Stack trace: /var/www", "unicri", "web");
        TargetView v = Consensus.decide("news", List.of(obs("eu-1", leak), obs("eu-2", full(NOW)),
                obs("us-1", up("news", NOW, "unicri", "web"))), NOW, settings);

        assertThat(v.state()).isEqualTo(FleetState.DEGRADED);
        // One vote each: the tie goes to the class first in the primary-class order.
        assertThat(v.primaryClass()).isEqualTo(FailureClass.DB_STORAGE_FULL);
    }

    @Test
    void everyAgentUpIsUpWithTheAgentsThatSayIt() {
        TargetView v = Consensus.decide("news", List.of(obs("eu-1", up("news", NOW, "unicri", "web")),
                obs("us-1", up("news", NOW, "unicri", "web"))), NOW, settings);

        assertThat(v.state()).isEqualTo(FleetState.UP);
        assertThat(v.agreeing()).containsExactly("eu-1", "us-1");
        assertThat(v.lastCheck()).isEqualTo(NOW);
    }
}
