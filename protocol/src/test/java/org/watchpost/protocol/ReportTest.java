package org.watchpost.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
    private final ObjectMapper json = WireJson.newMapper();

    private static CheckResult down() {
        return new CheckResult("unicri-news", T, Verdict.DOWN, FailureClass.DB_STORAGE_FULL, 200,
                List.of(Finding.certain(FailureClass.DB_STORAGE_FULL, "drupal.db_table_full", Severity.CRITICAL,
                        "1114 The table 'watchdog' is full", "Free disk space")),
                0.25, "https://unicri.org/news", null, Map.of("site", "unicri", "team", "web"));
    }

    private static AgentHealth health() {
        return new AgentHealth("0.1.0", T, 3, 267, 4096, 1 << 20, Map.of("capacity", 12L), 2, 0.01, 0);
    }

    @Test
    void aReportRoundTripsWithTheDocumentedKeys() throws Exception {
        Report r = new Report(Report.SCHEMA, "eu-1", T,
                List.of(ReportRecord.of(41, T, down()),
                        ReportRecord.of(42, T, new StateChange("unicri-news", "up", "down", T,
                                FailureClass.DB_STORAGE_FULL, "drupal.db_table_full", "watchdog"))),
                List.of(new DroppedRange(30, 40, "capacity")), health());

        String text = json.writeValueAsString(r);
        JsonNode node = json.readTree(text);

        assertThat(node.get("schema").asInt()).isEqualTo(1);
        assertThat(node.get("sent_at").asText()).isEqualTo("2026-12-04T10:00:00Z");
        assertThat(node.at("/records/0/type").asText()).isEqualTo("check_result");
        assertThat(node.at("/records/0/check_result/labels/site").asText()).isEqualTo("unicri");
        assertThat(node.at("/records/1/state_change/to").asText()).isEqualTo("down");
        assertThat(node.at("/dropped/0/reason").asText()).isEqualTo("capacity");
        assertThat(node.at("/health/journal_dropped/capacity").asLong()).isEqualTo(12);
        assertThat(json.readValue(text, Report.class)).isEqualTo(r);
        assertThat(r.lastSequence()).isEqualTo(42);
    }

    @Test
    void unknownFieldsAreIgnoredSoANewerAgentIsStillRead() throws Exception {
        String text = "{\"schema\":1,\"agent\":\"eu-1\",\"sent_at\":\"2026-12-04T10:00:00Z\",\"records\":[],"
                + "\"something_new\":{\"x\":1}}";
        assertThat(json.readValue(text, Report.class).agent()).isEqualTo("eu-1");
    }

    @Test
    void missingOrWrongRequiredFieldsAreNamed() {
        assertThatThrownBy(() -> json.readValue("{\"schema\":1,\"sent_at\":\"2026-12-04T10:00:00Z\"}", Report.class))
                .hasMessageContaining("agent is required");
        assertThatThrownBy(() -> json.readValue("{\"schema\":2,\"agent\":\"a\",\"sent_at\":\"2026-12-04T10:00:00Z\"}",
                Report.class)).hasMessageContaining("schema 2 is not supported");
        assertThatThrownBy(() -> json.readValue("{\"seq\":0,\"time\":\"2026-12-04T10:00:00Z\",\"type\":\"check_result\"}",
                ReportRecord.class)).hasMessageContaining("seq must be at least 1");
        assertThatThrownBy(() -> json.readValue("{\"seq\":3,\"time\":\"2026-12-04T10:00:00Z\",\"type\":\"gossip\"}",
                ReportRecord.class)).hasMessageContaining("type 'gossip' is not one of");
    }

    @Test
    void recordsMustAscend() {
        assertThatThrownBy(() -> Report.of("eu-1", T,
                List.of(ReportRecord.of(5, T, down()), ReportRecord.of(5, T, down())), health()))
                .hasMessageContaining("records[1].seq 5 does not follow records[0].seq 5");
    }

    @Test
    void droppedRangesMustBeOrdered() {
        assertThatThrownBy(() -> new DroppedRange(10, 9, "age")).hasMessageContaining("1 <= from <= to");
    }
}
