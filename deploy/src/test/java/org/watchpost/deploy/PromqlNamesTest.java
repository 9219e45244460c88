package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlNamesTest {
    @Test
    void findsTheMetricsInsideFunctionsAggregationsAndMatchers() {
        assertThat(PromqlNames.of("sum by (target, reason) (rate(watchpost_probe_skipped_total"
                + "{target=~\"$target\", reason=\"still_running\"}[$__rate_interval]))"))
                .containsExactly("watchpost_probe_skipped_total");
    }

    @Test
    void labelListsOfJoinsAreNotMetrics() {
        assertThat(PromqlNames.of("(min by (target) (watchpost_fleet_target_up) == 0) * on (target) group_left (site,"
                + " team) max by (target, site, team) (watchpost_fleet_target_info) or x unless on (target) y"))
                .containsExactly("watchpost_fleet_target_up", "watchpost_fleet_target_info", "x", "y");
    }

    @Test
    void numbersDurationsKeywordsAndStringsAreNotMetrics() {
        assertThat(PromqlNames.of("histogram_quantile(0.99, sum by (le) (rate(a_bucket[5m] offset 1h))) > 1e3"
                + " and bool b < 14 * 86400 or label_replace(c, \"dst\", \"not_a_metric\", \"src\", \"(.*)\")"))
                .containsExactly("a_bucket", "b", "c");
    }

    @Test
    void recordingRuleNamesWithColonsAreMetrics() {
        assertThat(PromqlNames.of("avg_over_time(target:watchpost_fleet_up:avg5m[1d])"))
                .containsExactly("target:watchpost_fleet_up:avg5m");
    }

    @Test
    void aMisspeltNameIsReportedAsItIsWritten() {
        assertThat(PromqlNames.of("watchpost_probe_sucess == 0")).containsExactly("watchpost_probe_sucess");
    }

    @Test
    void documentedNamesIncludeTheSeriesOfADocumentedHistogram() {
        DocumentedMetrics docs = DocumentedMetrics.parse("| `watchpost_scheduler_lag_seconds` | histogram |\n"
                + "process_cpu_seconds_total{job=\"x\"}");
        assertThat(docs.documents("watchpost_scheduler_lag_seconds_bucket")).isTrue();
        assertThat(docs.documents("process_cpu_seconds_total")).isTrue();
        assertThat(docs.documents("watchpost_scheduler_lag")).isFalse();
        assertThat(docs.documents("watchpost_forward_lag_records")).isFalse();
    }
}
