package org.watchpost.collector.ingest;

import java.util.Locale;

/** Why a report was refused: the HTTP status it gets and the {@code reason} label of the rejection counter. */
public enum RejectReason {
    /** 401: no token, or one that belongs to no configured agent. */
    UNAUTHORIZED(401),
    /** 403: a valid token used for another agent's id. */
    FORBIDDEN(403),
    /** 408: the request took longer than {@code limits.request_timeout}. */
    TIMEOUT(408),
    /** 413: the body, as sent or inflated, is over its limit. */
    TOO_LARGE(413),
    /** 415: not JSON, or an encoding other than gzip. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** 400: not a valid report; the message names the field. */
    MALFORMED(400),
    /** 503: the collector's own trouble (database unavailable, full, busy); retry later. */
    UNAVAILABLE(503);

    private final int status;

    RejectReason(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
