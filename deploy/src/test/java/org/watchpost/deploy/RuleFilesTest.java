package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an on-call person needs from every alert — a severity and a component to route by, a summary, a description,
 * a runbook section that exists — and that promtool tests each alert both firing and quiet. (promtool itself runs in
 * PromtoolIT.)
 */
class RuleFilesTest {
    private static final Set<String> ALERTS = Set.of("TargetDown", "TargetDegraded", "DebugLeakExposed",
            "TLSCertExpiring", "AgentJournalNearlyFull", "AgentDroppingRecords", "AgentNotReporting",
            "AgentForwardStuck", "CollectorRejectingReports", "CollectorSequenceGaps", "CollectorDatabaseNearlyFull",
            "NotificationsFailing");
    private static final Set<String> AVAILABILITY = Set.of("target:watchpost_availability:ratio1d",
            "target:watchpost_availability:ratio7d", "target:watchpost_availability:ratio30d");
    private static final Pattern RUNBOOK = Pattern.compile("docs/operations\\.md#([a-z0-9-]+)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

    private final List<RuleFiles.Rule> rules = RuleFiles.load();

    @Test
    void everyAlertOfTheIssueExistsAndNoOther() {
        Set<String> alerts = new TreeSet<>();
        rules.stream().filter(RuleFiles.Rule::alert).forEach(r -> alerts.add(r.name()));
        assertThat(alerts).isEqualTo(new TreeSet<>(ALERTS));
    }

    @Test
    void availabilityIsRecordedOverADayAWeekAndThirtyDays() {
        Set<String> recorded = new HashSet<>();
        rules.stream().filter(r -> !r.alert()).forEach(r -> recorded.add(r.name()));
        assertThat(recorded).containsAll(AVAILABILITY);
    }

    @Test
    void everyAlertCanBeRoutedAndExplainsItselfWithARunbookSectionThatExists() {
        Set<String> anchors = anchors(RepoFiles.read("docs/operations.md"));
        List<String> problems = new ArrayList<>();
        for (RuleFiles.Rule r : rules) {
            if (!r.alert()) {
                continue;
            }
            if (!Set.of("critical", "warning").contains(r.labels().get("severity"))) {
                problems.add(r.where() + ": severity must be critical or warning, is " + r.labels().get("severity"));
            }
            if (!Set.of("target", "agent", "collector").contains(r.labels().get("component"))) {
                problems.add(r.where() + ": component must be target, agent or collector");
            }
            for (String a : List.of("summary", "description", "runbook_url")) {
                if (r.annotations().getOrDefault(a, "").isBlank()) {
                    problems.add(r.where() + ": no " + a + " annotation");
                }
            }
            Matcher m = RUNBOOK.matcher(r.annotations().getOrDefault("runbook_url", ""));
            if (!m.matches()) {
                problems.add(r.where() + ": runbook_url must be docs/operations.md#anchor");
            } else if (!anchors.contains(m.group(1))) {
                problems.add(r.where() + ": docs/operations.md has no section #" + m.group(1));
            } else if (!m.group(1).equals(r.name().toLowerCase())) {
                problems.add(r.where() + ": runbook_url should point at #" + r.name().toLowerCase());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void targetDownWaitsForConsensusToLastAndTlsHasAWarningAndACriticalStep() {
        RuleFiles.Rule down = rules.stream().filter(r -> r.name().equals("TargetDown")).findFirst().orElseThrow();
        assertThat(down.forDuration()).as("TargetDown for:").isNotBlank();
        assertThat(down.expr()).contains("watchpost_fleet_target_up");
        assertThat(rules.stream().filter(r -> r.name().equals("TLSCertExpiring")).map(r -> r.labels().get("severity")))
                .containsExactlyInAnyOrder("warning", "critical");
    }

    /** For each alert, the promtool tests must show it firing at least once and quiet at least once. */
    @Test
    @SuppressWarnings("unchecked")
    void promtoolTestsShowEveryAlertFiringAndQuiet() {
        Map<String, Set<String>> seen = new TreeMap<>();
        Set<String> severitiesOfTls = new HashSet<>();
        Set<String> recordedAndTested = new HashSet<>();
        for (Path file : RuleFiles.testFiles()) {
            Map<String, Object> doc = (Map<String, Object>) RuleFiles.yaml(file);
            for (Map<String, Object> test : (List<Map<String, Object>>) doc.get("tests")) {
                for (Map<String, Object> t : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
                    String alert = (String) t.get("alertname");
                    List<Map<String, Object>> expected =
                            (List<Map<String, Object>>) t.getOrDefault("exp_alerts", List.of());
                    seen.computeIfAbsent(alert, k -> new TreeSet<>()).add(expected.isEmpty() ? "quiet" : "firing");
                    if (alert.equals("TLSCertExpiring")) {
                        expected.forEach(e -> severitiesOfTls.add(
                                ((Map<String, String>) e.get("exp_labels")).get("severity")));
                    }
                }
                for (Map<String, Object> t : (List<Map<String, Object>>) test.getOrDefault("promql_expr_test", List.of())) {
                    recordedAndTested.addAll(PromqlNames.of((String) t.get("expr")));
                }
            }
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        ALERTS.forEach(a -> expected.put(a, Set.of("firing", "quiet")));
        assertThat(seen).isEqualTo(expected);
        assertThat(severitiesOfTls).containsExactlyInAnyOrder("warning", "critical");
        assertThat(recordedAndTested).containsAll(AVAILABILITY);
    }

    /** The anchors GitHub (and most Markdown renderers) make of the headings: lower case, spaces to hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(markdown);
        while (m.find()) {
            String text = Normalizer.normalize(m.group(1).trim(), Normalizer.Form.NFC).toLowerCase()
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            anchors.add(text);
        }
        return anchors;
    }
}
