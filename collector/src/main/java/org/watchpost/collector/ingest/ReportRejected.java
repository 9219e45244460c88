package org.watchpost.collector.ingest;

/** A report the collector refuses, with the one sentence the client gets as {@code {"error": "…"}}. */
public final class ReportRejected extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public ReportRejected(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
