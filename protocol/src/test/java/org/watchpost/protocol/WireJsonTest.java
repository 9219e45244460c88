package org.watchpost.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireJsonTest {
    private final ObjectMapper json = WireJson.newMapper();

    @Test
    void checkResultUsesTheContractKeys() throws Exception {
        CheckResult r = new CheckResult("unicri-news", Instant.parse("2026-11-28T10:00:00Z"), Verdict.DOWN,
                FailureClass.DB_STORAGE_FULL, 200,
                List.of(new Finding(FailureClass.DB_STORAGE_FULL, "drupal.db_table_full", Severity.CRITICAL,
                        "1114 The table 'watchdog' is full", "Free disk space", 0.9, "after </html>")),
                0.25, "https://unicri.org/news", null);

        JsonNode node = json.readTree(json.writeValueAsString(r));

        assertThat(node.get("verdict").asText()).isEqualTo("down");
        assertThat(node.get("class").asText()).isEqualTo("db_storage_full");
        assertThat(node.get("status").asInt()).isEqualTo(200);
        assertThat(node.get("time").asText()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(node.get("duration_seconds").asDouble()).isEqualTo(0.25);
        JsonNode f = node.get("findings").get(0);
        assertThat(f.get("class").asText()).isEqualTo("db_storage_full");
        assertThat(f.get("signature").asText()).isEqualTo("drupal.db_table_full");
        assertThat(f.get("severity").asText()).isEqualTo("critical");
        assertThat(f.get("evidence").asText()).contains("watchdog");
        assertThat(json.readValue(json.writeValueAsString(r), CheckResult.class)).isEqualTo(r);
    }

    @Test
    void theProbesMeasurementsTravelWithTheResult() throws Exception {
        CheckResult r = new CheckResult("news", Instant.parse("2026-11-28T10:00:00Z"), Verdict.UP, null, 200,
                List.of(), 0.5, "https://example.org/", null, java.util.Map.of("site", "x"),
                new PhaseTimings(1, 2, 3, 4, 5), 1, 2048L, Instant.parse("2027-01-01T00:00:00Z"));
        JsonNode node = json.readTree(json.writeValueAsString(r));
        assertThat(node.at("/phases/processing_nanos").asLong()).isEqualTo(4);
        assertThat(node.get("redirects").asInt()).isEqualTo(1);
        assertThat(node.get("body_bytes").asLong()).isEqualTo(2048);
        assertThat(node.get("tls_not_after").asText()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(json.readValue(json.writeValueAsString(r), CheckResult.class)).isEqualTo(r);
    }

    @Test
    void anUpResultStillPrintsNullClassAndStatus() throws Exception {
        CheckResult r = new CheckResult(null, null, Verdict.UP, null, null, List.of(), null, null, null);
        JsonNode node = json.readTree(json.writeValueAsString(r));
        assertThat(node.has("class")).isTrue();
        assertThat(node.get("class").isNull()).isTrue();
        assertThat(node.get("status").isNull()).isTrue();
    }

    @Test
    void unknownClassNamesTheValidOnes() {
        assertThatThrownBy(() -> FailureClass.fromId("db_full"))
                .hasMessageContaining("unknown failure class 'db_full'")
                .hasMessageContaining("db_storage_full");
    }

    @Test
    void evidenceIsClippedTo300Characters() {
        Finding f = Finding.certain(FailureClass.APP_ERROR, "x", Severity.ERROR, "a".repeat(1000), "");
        assertThat(f.evidence()).hasSize(Finding.MAX_EVIDENCE_CHARS);
    }

    @Test
    void primaryClassOrderPutsRootCausesBeforeSymptoms() {
        assertThat(FailureClass.DB_STORAGE_FULL.priority()).isLessThan(FailureClass.APP_ERROR.priority());
        assertThat(FailureClass.APP_ERROR.priority()).isLessThan(FailureClass.HTTP_STATUS.priority());
        assertThat(FailureClass.HTTP_STATUS.priority()).isLessThan(FailureClass.DEBUG_LEAK.priority());
        assertThat(FailureClass.DEBUG_LEAK.impact().verdict()).isEqualTo(Verdict.DEGRADED);
    }
}
