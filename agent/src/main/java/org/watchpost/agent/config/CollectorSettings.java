package org.watchpost.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.watchpost.config.Sizes;

/**
 * The optional {@code collector:} section: where the agent pushes its journal, how it authenticates, and how it
 * batches and retries.
 *
 * @param url             the collector's base URL; reports go to {@code <url>/api/v1/reports}
 * @param tokenFile       the file holding the agent's bearer token
 * @param caFile          a PEM file of CA certificates trusted for the collector beside the system's, or null
 * @param batchMaxRecords records per report at most (default 500)
 * @param batchMaxBytes   journal payload bytes per report at most, before compression (default 1MiB)
 * @param batchMaxWait    how long a record may wait for more to fill a report (default 1s)
 * @param maxBackoff      the longest wait between retries after a failure (default 30s)
 * @param timeout         one request to the collector, connect to answer (default 10s)
 * @param token           the token read from {@code tokenFile}; null when the config was read without its secrets
 *                        ({@link ConfigLoader.Secrets#SKIP})
 * @param caCertificates  the certificates read from {@code caFile}; empty when there is none or it was not read
 */
public record CollectorSettings(URI url, Path tokenFile, Path caFile, int batchMaxRecords, long batchMaxBytes,
                                Duration batchMaxWait, Duration maxBackoff, Duration timeout, BearerToken token,
                                List<X509Certificate> caCertificates) {
    public static final int DEFAULT_BATCH_MAX_RECORDS = 500;
    public static final long DEFAULT_BATCH_MAX_BYTES = 1L << 20;
    public static final Duration DEFAULT_BATCH_MAX_WAIT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** A report's records are bounded by the wire format too. */
    public static final int MAX_BATCH_RECORDS = org.watchpost.protocol.Report.MAX_RECORDS;
    public static final long MIN_BATCH_BYTES = 1L << 10;
    public static final long MAX_BATCH_BYTES = 64L << 20;

    public CollectorSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(batchMaxWait, "batchMaxWait");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(timeout, "timeout");
        caCertificates = caCertificates == null ? List.of() : List.copyOf(caCertificates);
        if (batchMaxRecords < 1 || batchMaxRecords > MAX_BATCH_RECORDS) {
            throw new IllegalArgumentException("batchMaxRecords must be within 1.." + MAX_BATCH_RECORDS);
        }
        if (batchMaxBytes < MIN_BATCH_BYTES || batchMaxBytes > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("batchMaxBytes must be within " + Sizes.format(MIN_BATCH_BYTES) + ".."
                    + Sizes.format(MAX_BATCH_BYTES));
        }
        if (batchMaxWait.isNegative() || batchMaxWait.isZero() || timeout.isNegative() || timeout.isZero()
                || maxBackoff.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("batchMaxWait and timeout must be > 0 and maxBackoff at least 1s");
        }
    }

    /** A section with only a URL and a token file, everything else by default, secrets not read. */
    public CollectorSettings(URI url, Path tokenFile) {
        this(url, tokenFile, null, DEFAULT_BATCH_MAX_RECORDS, DEFAULT_BATCH_MAX_BYTES, DEFAULT_BATCH_MAX_WAIT,
                DEFAULT_MAX_BACKOFF, DEFAULT_TIMEOUT, null, List.of());
    }

    /** The endpoint reports are posted to. */
    public URI reportsUri() {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/reports");
    }

    /** The same settings with the secrets read from their files. */
    public CollectorSettings withSecrets(BearerToken newToken, List<X509Certificate> newCa) {
        return new CollectorSettings(url, tokenFile, caFile, batchMaxRecords, batchMaxBytes, batchMaxWait, maxBackoff,
                timeout, newToken, newCa);
    }
}
