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
 * @param scoring       the weights of context scoring
 * @param blank         when a page counts as blank against its baseline
 */
public record DetectorSettings(double threshold, Duration tlsWarning, int maxHits, int windowBefore,
                               int windowAfter, ScoringSettings scoring, BlankPage blank) {
    public static final DetectorSettings DEFAULTS = new DetectorSettings(0.6, Duration.ofDays(14), 512, 400, 700,
            ScoringSettings.DEFAULTS, BlankPage.DEFAULTS);

    /**
     * The white screen: a PHP fatal error with {@code display_errors} off answers 200 with an empty or nearly
     * empty body. A page counts as blank when it answered 2xx, shows fewer than {@code maxVisibleBytes} visible
     * bytes, and the target's healthy page usually has at least {@code minTypicalBytes} bytes. Only bodies of at
     * most {@code maxBodyBytes} are examined, so a healthy page never pays for the check.
     */
    public record BlankPage(int maxVisibleBytes, long minTypicalBytes, int maxBodyBytes) {
        public static final BlankPage DEFAULTS = new BlankPage(64, 2048, 16384);

        public BlankPage {
            if (maxVisibleBytes < 1 || minTypicalBytes < 1 || maxBodyBytes < 1) {
                throw new IllegalArgumentException("blank page limits must be positive");
            }
        }
    }

    public DetectorSettings {
        Objects.requireNonNull(tlsWarning, "tlsWarning");
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(blank, "blank");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within (0, 1], was " + threshold);
        }
        if (maxHits < 1) {
            throw new IllegalArgumentException("maxHits must be at least 1, was " + maxHits);
        }
    }
}
