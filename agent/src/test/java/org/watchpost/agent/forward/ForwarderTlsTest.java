package org.watchpost.agent.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.CollectorSettings;
import org.watchpost.agent.config.ConfigLoader;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.journal.Journal;
import org.watchpost.agent.journal.JournalFiles;
import org.watchpost.agent.journal.JournalRecord;
import org.watchpost.agent.time.FakeTimeSource;
import org.watchpost.protocol.AgentHealth;

/** https to a collector whose certificate a private CA signed: trusted only with collector.ca_file. */
class ForwarderTlsTest {
    @TempDir
    Path dir;
    private final FakeTimeSource time = new FakeTimeSource();
    private final Collector collector = new Collector();
    private HeldCertificate ca;
    private Journal journal;

    @BeforeEach
    void https() throws Exception {
        ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Watchpost test CA").build();
        HeldCertificate server = new HeldCertificate.Builder().commonName("collector")
                .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").signedBy(ca).build();
        collector.server.useHttps(new HandshakeCertificates.Builder().heldCertificate(server).build()
                .sslSocketFactory());
        journal = Journal.open(dir.resolve("journal"), JournalSettings.DEFAULTS, time, JournalFiles.system());
        journal.append(JournalRecord.Type.STATE_CHANGE,
                "{\"target\":\"t\",\"from\":\"unknown\",\"to\":\"up\"}".getBytes());
        assertThat(journal.flush(5, TimeUnit.SECONDS)).isTrue();
    }

    @AfterEach
    void close() {
        journal.close();
        collector.close();
    }

    /** The collector section as a user writes it, read like `run` reads it: token and CA files included. */
    private CollectorSettings settings(boolean withCa) throws Exception {
        Files.writeString(dir.resolve("token"), Collector.TOKEN + "\n");
        Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        String yaml = "collector:\n  url: " + collector.url() + "\n  token_file: token\n"
                + (withCa ? "  ca_file: ca.pem\n" : "") + "  batch_max_records: 1\n"
                + "targets: [{name: t, url: \"https://example.org/\"}]\n";
        return ConfigLoader.parse(dir.resolve("agent.yml"), yaml, ConfigLoader.Secrets.READ).collector();
    }

    private Forwarder forwarder(CollectorSettings s) {
        return new Forwarder(s, journal.reader(), "eu-1",
                () -> new AgentHealth("t", Instant.EPOCH, 1, 1, 0, 1, Map.of(), 0, 0, 0), () -> 0, time, () -> 0.5);
    }

    @Test
    void aCustomCaFromCaFileIsTrusted() throws Exception {
        CollectorSettings s = settings(true);
        assertThat(s.url().getScheme()).isEqualTo("https");
        assertThat(s.caCertificates()).containsExactly(ca.certificate());
        Forwarder f = forwarder(s);
        collector.enqueue(Collector.ack(1));

        f.cycle();

        assertThat(Collector.report(collector.take()).records().get(0).stateChange().to()).isEqualTo("up");
        assertThat(journal.stats().cursor()).isEqualTo(1);
        assertThat(collector.server.getRequestCount()).isEqualTo(1);
        f.close(Duration.ZERO);
    }

    @Test
    void withoutTheCaTheHandshakeFailsAndIsCountedAsTls() throws Exception {
        Forwarder f = forwarder(settings(false));

        f.cycle();

        assertThat(f.stats().errors().get(Forwarder.ErrorKind.TLS)).isEqualTo(1);
        assertThat(f.stats().lastError()).startsWith("tls: ");
        assertThat(journal.stats().cursor()).isZero();
        f.close(Duration.ZERO);
    }
}
