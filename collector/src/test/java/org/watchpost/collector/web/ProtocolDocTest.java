package org.watchpost.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.ingest.LimitSettings;
import org.watchpost.collector.store.RetentionSettings;
import org.watchpost.collector.testing.CollectorHarness;
import org.watchpost.collector.testing.MutableClock;
import org.watchpost.collector.testing.Reports;

/** The example of docs/protocol.md is a report this collector takes, and its answer is the documented one. */
class ProtocolDocTest {
    @TempDir
    Path tmp;

    @Test
    void theDocumentedExampleIsAcceptedWithTheDocumentedAcknowledgement() throws Exception {
        String doc = Files.readString(Path.of("../docs/protocol.md"));
        Matcher m = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        String report = blocks.get(0);
        String ack = blocks.get(1);
        try (CollectorHarness harness = CollectorHarness.start(CollectorHarness.config(tmp, null,
                RetentionSettings.DEFAULTS, LimitSettings.DEFAULTS), new MutableClock(Reports.T0))) {
            CollectorHarness.Answer a = harness.post(CollectorHarness.gzip(report.getBytes(StandardCharsets.UTF_8)),
                    CollectorHarness.EU_TOKEN, "application/json", "gzip");

            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json()).isEqualTo(CollectorHarness.JSON.readTree(ack));
            var agent = harness.get("/api/v1/agents").json().get(0);
            assertThat(agent.get("declared_dropped").asLong()).isEqualTo(40);
            assertThat(agent.get("first_seq").asLong()).isEqualTo(1001);
            assertThat(agent.get("gaps").asLong()).isZero();
        }
    }
}
