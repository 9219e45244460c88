package org.watchpost.protocol;

/**
 * Where the time of one probe went, summed over all redirect hops. The five phases partition the probe: together
 * they add up to its total duration.
 *
 * <ul>
 *   <li>resolve: DNS lookup (and the moments before it)</li>
 *   <li>connect: TCP connect</li>
 *   <li>tls: TLS handshake</li>
 *   <li>processing: from a ready connection to the first byte of the response (the server's thinking time)</li>
 *   <li>transfer: from the response headers to the end of the body</li>
 * </ul>
 *
 * <p>Measured by the agent's prober and carried in {@link CheckResult#phases()} (as {@code resolve_nanos}, …), so the
 * metrics and the collector see the same figures.
 */
public record PhaseTimings(long resolveNanos, long connectNanos, long tlsNanos, long processingNanos,
                           long transferNanos) {
    public static final PhaseTimings NONE = new PhaseTimings(0, 0, 0, 0, 0);

    public long totalNanos() {
        return resolveNanos + connectNanos + tlsNanos + processingNanos + transferNanos;
    }

    /** The phase names used as the {@code phase} label. */
    public enum Phase {
        RESOLVE, CONNECT, TLS, PROCESSING, TRANSFER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public long nanos(Phase phase) {
        return switch (phase) {
            case RESOLVE -> resolveNanos;
            case CONNECT -> connectNanos;
            case TLS -> tlsNanos;
            case PROCESSING -> processingNanos;
            case TRANSFER -> transferNanos;
        };
    }
}
