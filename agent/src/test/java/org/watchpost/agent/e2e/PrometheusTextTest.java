package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String EXPOSITION = """
            # HELP watchpost_target_up Whether the target is up after thresholds.
            # TYPE watchpost_target_up gauge
            watchpost_target_up{target="seed-press"} 0.0
            watchpost_target_up{target="healthy-article"} 1
            # TYPE watchpost_probe_failure_info gauge
            watchpost_probe_failure_info{target="seed-press",class="db_storage_full",signature="mysql-1114-table-full",} 1.0
            watchpost_probe_checks_total{result="success",target="healthy-article"} 7 1764324000000
            watchpost_probe_duration_seconds{target="a \\"quoted\\" \\\\ name"} 0.25 # {trace_id="x"} 0.2
            watchpost_scheduler_lag_seconds NaN
            watchpost_journal_capacity_bytes +Inf
            """;

    private final PrometheusText text = PrometheusText.parse(EXPOSITION);

    @Test
    void valuesPrintedAsOneOrOnePointZeroAreTheSame() {
        assertThat(text.value("watchpost_target_up", Map.of("target", "healthy-article"))).hasValue(1.0);
        assertThat(text.value("watchpost_target_up", Map.of("target", "seed-press"))).hasValue(0.0);
        assertThat(text.has("watchpost_probe_failure_info",
                Map.of("target", "seed-press", "class", "db_storage_full"), 1)).isTrue();
    }

    @Test
    void labelSubsetMustMatchNamesAndValues() {
        assertThat(text.find("watchpost_probe_failure_info", Map.of("class", "db_connection"))).isEmpty();
        assertThat(text.find("watchpost_probe_failure_info", Map.of("target", "healthy-article"))).isEmpty();
        assertThat(text.find("watchpost_target_up", Map.of())).hasSize(2);
        assertThatThrownBy(() -> text.value("watchpost_target_up", Map.of()))
                .hasMessageContaining("2 samples of watchpost_target_up");
    }

    @Test
    void timestampsExemplarsEscapesAndSpecialValuesAreRead() {
        assertThat(text.value("watchpost_probe_checks_total", Map.of("result", "success"))).hasValue(7);
        assertThat(text.value("watchpost_probe_duration_seconds", Map.of("target", "a \"quoted\" \\ name")))
                .hasValue(0.25);
        assertThat(text.value("watchpost_scheduler_lag_seconds", Map.of()).getAsDouble()).isNaN();
        assertThat(text.value("watchpost_journal_capacity_bytes", Map.of())).hasValue(Double.POSITIVE_INFINITY);
    }

    @Test
    void malformedLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{target=\"x} 1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("broken{target=\"x} 1");
    }
}
