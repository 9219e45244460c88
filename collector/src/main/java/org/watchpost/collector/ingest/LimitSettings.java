package org.watchpost.collector.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * What one report may cost the collector.
 *
 * @param maxBodyBytes         the request body as sent (gzip), 413 beyond
 * @param maxDecompressedBytes the body once inflated, 413 beyond: a gzip bomb is cut off at this many bytes
 * @param requestTimeout       the whole request, reading included; 408 beyond
 * @param maxJsonDepth         nesting of JSON arrays and objects, 400 beyond (a report needs 6)
 * @param maxStringChars       one JSON string, 400 beyond (evidence is at most 300 characters)
 */
public record LimitSettings(long maxBodyBytes, long maxDecompressedBytes, Duration requestTimeout, int maxJsonDepth,
                            int maxStringChars) {
    public static final LimitSettings DEFAULTS =
            new LimitSettings(16L << 20, 64L << 20, Duration.ofSeconds(30), 32, 64 << 10);

    public LimitSettings {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxBodyBytes < 1 || maxDecompressedBytes < 1 || maxJsonDepth < 1 || maxStringChars < 1
                || requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
