package org.watchpost.agent.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the detector. The defaults are what the corpus tests are run with; change them only with the corpus.
 *
 * @param threshold     a signature hit counts as a failure when its score reaches this (0..1)
 * @param tlsWarning    a certificate expiring sooner than this is a {@code tls_expiring} finding
 * @param maxHits       anchor hits examined per page; the rest are ignored (and counted), bounding the work on pages
 *                      that repeat an error thousands of times
 * @param windowBefore  bytes of raw HTML decoded before a hit for regexes and evidence
 * @param windowAfter   bytes decoded after it
 */
public record DetectorSettings(double threshold, Duration tlsWarning, int maxHits, int windowBefore,
                               int windowAfter) {
    public static final DetectorSettings DEFAULTS =
            new DetectorSettings(0.6, Duration.ofDays(14), 512, 400, 700);

    public DetectorSettings {
        Objects.requireNonNull(tlsWarning, "tlsWarning");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within (0, 1], was " + threshold);
        }
        if (maxHits < 1) {
            throw new IllegalArgumentException("maxHits must be at least 1, was " + maxHits);
        }
    }
}
