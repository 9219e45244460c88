package org.watchpost.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.testing.CollectorHarness.EU;
import static org.watchpost.collector.testing.CollectorHarness.EU_TOKEN;
import static org.watchpost.collector.testing.CollectorHarness.EU_TOKEN_NEW;
import static org.watchpost.collector.testing.CollectorHarness.US;
import static org.watchpost.collector.testing.CollectorHarness.US_TOKEN;
import static org.watchpost.collector.testing.Reports.report;
import static org.watchpost.collector.testing.Reports.result;
import static org.watchpost.collector.testing.Reports.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.config.CollectorConfig;
import org.watchpost.collector.store.AgentStatus;
import org.watchpost.collector.store.LatestResult;
import org.watchpost.collector.testing.CollectorHarness;
import org.watchpost.collector.testing.CollectorHarness.Answer;
import org.watchpost.collector.testing.MutableClock;
import org.watchpost.collector.testing.Reports;
import org.watchpost.collector.store.RetentionSettings;
import org.watchpost.protocol.DroppedRange;
import org.watchpost.protocol.ReportAck;
import org.watchpost.protocol.ReportRecord;

/**
 * The ingest rules over real HTTP, against whichever database a subclass provides: SQLite in the default build,
 * PostgreSQL in the e2e profile.
 */
public abstract class IngestContract {
    @TempDir
    Path tmp;

    /** The test's temp dir, for subclasses that write files their database needs. */
    protected Path tmp() {
        return tmp;
    }

    protected CollectorHarness harness;
    protected final MutableClock clock = new MutableClock(Reports.T0.plusSeconds(3600));
    private final List<List<ReportRecord>> heard = new ArrayList<>();

    /** The external database to use, or null for SQLite under the temp dir. */
    protected abstract CollectorConfig.ExternalDatabase database();

    @BeforeEach
    void startCollector() {
        harness = CollectorHarness.start(CollectorHarness.config(tmp, database(), RetentionSettings.DEFAULTS,
                LimitSettings.DEFAULTS), clock);
        harness.collector().addIngestListener((agent, records) -> {
            synchronized (heard) {
                heard.add(records);
            }
        });
    }

    @AfterEach
    void stopCollector() {
        harness.close();
    }

    private AgentStatus agent(String id) {
        return harness.collector().results().agents().stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no agent " + id));
    }

    private int storedRows() {
        return harness.collector().results().history("t0", Instant.EPOCH, 1_000_000).size()
                + harness.collector().results().history("t1", Instant.EPOCH, 1_000_000).size()
                + harness.collector().results().history("t2", Instant.EPOCH, 1_000_000).size();
    }

    @Test
    void aStoredReportIsAcknowledgedThroughItsLastSequence() {
        Answer a = harness.post(report(EU, results(1, 100, 3)), EU_TOKEN);

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        ReportAck ack = a.ack();
        assertThat(ack.agent()).isEqualTo(EU);
        assertThat(ack.storedThrough()).isEqualTo(100);
        assertThat(ack.accepted()).isEqualTo(100);
        assertThat(ack.duplicates()).isZero();
        assertThat(storedRows()).isEqualTo(100);
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0)).hasSize(100);
    }

    @Test
    void aReplayAnswers200AndChangesNothing() {
        harness.post(report(EU, results(1, 50, 3)), EU_TOKEN);
        AgentStatus before = agent(EU);
        List<LatestResult> latestBefore = harness.collector().results().latest();

        Answer replay = harness.post(report(EU, results(1, 50, 3)), EU_TOKEN);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.ack().accepted()).isZero();
        assertThat(replay.ack().duplicates()).isEqualTo(50);
        assertThat(replay.ack().storedThrough()).isEqualTo(50);
        assertThat(storedRows()).isEqualTo(50);
        AgentStatus after = agent(EU);
        assertThat(after.received()).isEqualTo(before.received()).isEqualTo(50);
        assertThat(after.gaps()).isZero();
        assertThat(harness.collector().results().latest()).isEqualTo(latestBefore);
        assertThat(heard).as("a replay stores nothing, so listeners hear nothing").hasSize(1);
    }

    @Test
    void anOverlappingRetryStoresOnlyTheNewPart() {
        harness.post(report(EU, results(1, 60, 3)), EU_TOKEN);

        Answer a = harness.post(report(EU, results(41, 100, 3)), EU_TOKEN);

        assertThat(a.ack().accepted()).isEqualTo(40);
        assertThat(a.ack().duplicates()).isEqualTo(20);
        assertThat(agent(EU).received()).isEqualTo(100);
        assertThat(storedRows()).isEqualTo(100);
    }

    @Test
    void outOfOrderBatchesFillTheGapTheyLeft() {
        harness.post(report(EU, results(1, 10, 3)), EU_TOKEN);
        harness.post(report(EU, results(21, 30, 3)), EU_TOKEN);
        assertThat(agent(EU).gaps()).isEqualTo(10);

        Answer late = harness.post(report(EU, results(11, 20, 3)), EU_TOKEN);

        assertThat(late.ack().accepted()).isEqualTo(10);
        AgentStatus s = agent(EU);
        assertThat(s.gaps()).isZero();
        assertThat(s.firstSeq()).isEqualTo(1);
        assertThat(s.lastSeq()).isEqualTo(30);
        assertThat(s.received()).isEqualTo(30);
    }

    @Test
    void aLateOlderResultNeverReplacesTheLatest() {
        harness.post(report(EU, List.of(result(20, "t0", false))), EU_TOKEN);
        harness.post(report(EU, List.of(result(10, "t0", true))), EU_TOKEN);

        List<LatestResult> latest = harness.collector().results().latest();
        assertThat(latest).hasSize(1);
        assertThat(latest.get(0).seq()).isEqualTo(20);
        assertThat(latest.get(0).result().findings()).hasSize(1);
        assertThat(harness.collector().results().history("t0", Instant.EPOCH, 10)).hasSize(2);
    }

    @Test
    void declaredDropsAreCountedApartFromGapsLostInTransit() {
        // 1..10 arrive, 11..15 dropped by the agent's journal (declared), 16..20 never arrive, 21..30 arrive.
        harness.post(report(EU, results(1, 10, 3)), EU_TOKEN);
        Answer a = harness.post(report(EU, results(21, 30, 3), List.of(new DroppedRange(11, 15, "capacity"))),
                EU_TOKEN);

        assertThat(a.ack().storedThrough()).isEqualTo(30);
        AgentStatus s = agent(EU);
        assertThat(s.received()).isEqualTo(20);
        assertThat(s.declaredDropped()).isEqualTo(5);
        assertThat(s.gaps()).isEqualTo(5);

        JsonNode agents = harness.get("/api/v1/agents").json();
        JsonNode eu = agents.get(0);
        assertThat(eu.get("id").asText()).isEqualTo(EU);
        assertThat(eu.get("received").asLong()).isEqualTo(20);
        assertThat(eu.get("declared_dropped").asLong()).isEqualTo(5);
        assertThat(eu.get("gaps").asLong()).isEqualTo(5);
        assertThat(eu.get("first_seq").asLong()).isEqualTo(1);
        assertThat(eu.get("last_seq").asLong()).isEqualTo(30);
    }

    @Test
    void aDropDeclaredTwiceIsCountedOnce() {
        harness.post(report(EU, results(1, 10, 3), List.of(new DroppedRange(11, 20, "age"))), EU_TOKEN);
        harness.post(report(EU, results(21, 25, 3), List.of(new DroppedRange(11, 20, "age"))), EU_TOKEN);

        AgentStatus s = agent(EU);
        assertThat(s.declaredDropped()).isEqualTo(10);
        assertThat(s.received()).isEqualTo(15);
        assertThat(s.gaps()).isZero();
    }

    @Test
    void aMissingTokenIs401AndStoresNothing() {
        Answer a = harness.post(CollectorHarness.gzip(CollectorHarness.json(report(EU, results(1, 5, 3)))), null,
                "application/json", "gzip");

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.error()).contains("Authorization");
        assertThat(harness.collector().results().agents()).isEmpty();
    }

    @Test
    void aWrongTokenIs401() {
        Answer a = harness.post(report(EU, results(1, 5, 3)), "not-a-token-of-anyone");

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.error()).isEqualTo("the bearer token belongs to no agent configured on this collector");
        assertThat(storedRows()).isZero();
    }

    @Test
    void anotherAgentsTokenIs403AndStoresNothing() {
        Answer a = harness.post(report(EU, results(1, 5, 3)), US_TOKEN);

        assertThat(a.status()).isEqualTo(403);
        assertThat(a.error()).isEqualTo("the token belongs to agent 'us-1', but the report is from agent 'eu-1'");
        assertThat(harness.collector().results().agents()).isEmpty();
    }

    @Test
    void bothTokensOfARotationAreValid() {
        assertThat(harness.post(report(EU, results(1, 5, 3)), EU_TOKEN).status()).isEqualTo(200);
        assertThat(harness.post(report(EU, results(6, 10, 3)), EU_TOKEN_NEW).status()).isEqualTo(200);
        assertThat(harness.post(report(US, results(1, 5, 3)), US_TOKEN).status()).isEqualTo(200);
        assertThat(agent(EU).received()).isEqualTo(10);
    }

    @Test
    void aMalformedRecordIs400NamingTheFieldAndStoresNothingOfTheReport() {
        String body = new String(CollectorHarness.json(report(EU, results(1, 5, 3))), StandardCharsets.UTF_8)
                .replaceFirst("\"verdict\":\"up\"", "\"verdict\":\"sideways\"");
        // The first record is fine; the whole report must still be refused.
        body = body.replaceFirst("\"verdict\":\"sideways\"", "\"verdict\":\"up\"")
                .replaceFirst("(\"seq\":4.*?)\"verdict\":\"up\"", "$1\"verdict\":\"sideways\"");

        Answer a = harness.post(CollectorHarness.gzip(body.getBytes(StandardCharsets.UTF_8)), EU_TOKEN,
                "application/json", "gzip");

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.error()).isEqualTo("records[3].check_result.verdict: unknown verdict 'sideways'; expected up,"
                + " degraded or down");
        assertThat(harness.collector().results().agents()).isEmpty();
    }

    @Test
    void aMissingRequiredFieldIs400NamingIt() {
        String body = "{\"schema\":1,\"sent_at\":\"2026-12-01T10:00:00Z\",\"records\":[]}";

        Answer a = harness.post(body.getBytes(StandardCharsets.UTF_8), EU_TOKEN, "application/json", null);

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).isEqualTo("the report: agent is required");
    }

    @Test
    void aHealthOnlyReportUpdatesTheAgentWithoutSequences() {
        Answer a = harness.post(report(US, List.of()), US_TOKEN);

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.ack().storedThrough()).isZero();
        AgentStatus s = agent(US);
        assertThat(s.health().journalBytes()).isEqualTo(1000);
        assertThat(s.version()).isEqualTo("0.1.0-test");
        assertThat(s.lastSeen()).isEqualTo(clock.instant());
    }

    @Test
    void targetsShowEachAgentsLatestResultWithEvidence() {
        harness.post(report(EU, List.of(result(1, "news", true), result(2, "news", false))), EU_TOKEN);
        harness.post(report(US, List.of(result(7, "news", true))), US_TOKEN);

        JsonNode targets = harness.get("/api/v1/targets").json();

        assertThat(targets).hasSize(1);
        JsonNode news = targets.get(0);
        assertThat(news.get("target").asText()).isEqualTo("news");
        assertThat(news.get("labels").get("site").asText()).isEqualTo("news");
        JsonNode eu = news.get("agents").get(0);
        assertThat(eu.get("agent").asText()).isEqualTo(EU);
        assertThat(eu.get("result").get("verdict").asText()).isEqualTo("down");
        assertThat(eu.get("result").get("findings").get(0).get("evidence").asText())
                .contains("The table 'watchdog' is full");
        assertThat(news.get("agents").get(1).get("result").get("verdict").asText()).isEqualTo("up");
    }

    @Test
    void stateChangesAreStoredAndCountedLikeResults() {
        Answer a = harness.post(report(EU, List.of(result(1, "t0", false), Reports.change(2, "t0", "up", "down"))),
                EU_TOKEN);

        assertThat(a.ack().accepted()).isEqualTo(2);
        assertThat(agent(EU).received()).isEqualTo(2);
        assertThat(agent(EU).gaps()).isZero();
    }
}
