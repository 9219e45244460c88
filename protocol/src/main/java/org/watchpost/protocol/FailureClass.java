package org.watchpost.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The closed set of ways a page can fail. Every signature, structural check and transport error maps to exactly one.
 *
 * <p>The declaration order is the <b>primary-class rule</b>: when a probe produces several findings that count, the
 * primary class is the first of them in this order (ties broken by confidence). Transport failures come first because
 * there is no page at all; then the most specific root causes (a full database explains the application error page
 * that shows it); then generic symptoms; then findings that only degrade a usable page. Changing the order changes
 * what on-call staff are told first: change it here, in docs/signatures.md and in the tests together.
 */
public enum FailureClass {
    // Transport: no page was received.
    DNS(Impact.DOWN, "the host name did not resolve"),
    CONNECT(Impact.DOWN, "no TCP connection could be made"),
    TLS(Impact.DOWN, "the TLS handshake or certificate check failed"),
    TIMEOUT(Impact.DOWN, "the page did not arrive within the timeout"),

    // Page content: a stack printed how it failed. Most specific root cause first.
    DB_STORAGE_FULL(Impact.DOWN, "the database or its disk is full (table, tablespace, transaction log)"),
    DB_INTEGRITY(Impact.DOWN, "tables are crashed or missing, or the database is unknown"),
    DB_CONNECTION(Impact.DOWN, "the application cannot reach or log into its database"),
    DB_OVERLOADED(Impact.DOWN, "the database refuses work: too many connections, lock waits, deadlocks, limits"),
    APP_RESOURCE_EXHAUSTED(Impact.DOWN, "the application ran out of memory or execution time"),
    HOSTING_SUSPENDED(Impact.DOWN, "the hosting provider suspended the account or its limits were reached"),
    MAINTENANCE(Impact.DOWN, "the site shows a maintenance page instead of its content"),
    UPSTREAM_UNAVAILABLE(Impact.DOWN, "a proxy or CDN could not get a good answer from the origin"),
    APP_ERROR(Impact.DOWN, "the framework or CMS crashed and showed its error page"),
    PLACEHOLDER_PAGE(Impact.DOWN, "a default server page, directory listing or parked domain instead of the site"),
    TRUNCATED(Impact.DOWN, "the page was cut off before its end"),

    // Expectations and status.
    HTTP_STATUS(Impact.DOWN, "the HTTP status is not one the target expects"),
    CONTENT_MISSING(Impact.DOWN, "text the page must contain is missing"),
    CONTENT_UNEXPECTED(Impact.DOWN, "text the page must not contain is present"),

    // Findings on a page that still works.
    BLOCKED(Impact.DEGRADED, "a WAF or CDN refused the poller; the site may work for visitors"),
    DEBUG_LEAK(Impact.DEGRADED, "stack traces, SQL or server paths are shown to visitors"),
    TLS_EXPIRING(Impact.DEGRADED, "the TLS certificate expires soon");

    /** What a finding of this class does to the verdict of the probe. */
    public enum Impact {
        DOWN(Verdict.DOWN),
        DEGRADED(Verdict.DEGRADED);

        private final Verdict verdict;

        Impact(Verdict verdict) {
            this.verdict = verdict;
        }

        public Verdict verdict() {
            return verdict;
        }
    }

    private static final Map<String, FailureClass> BY_ID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(FailureClass::id, Function.identity()));

    private final Impact impact;
    private final String description;
    private final String id;

    FailureClass(Impact impact, String description) {
        this.impact = impact;
        this.description = description;
        this.id = name().toLowerCase(Locale.ROOT);
    }

    /** The wire and label name, e.g. {@code db_storage_full}. */
    @JsonValue
    public String id() {
        return id;
    }

    public Impact impact() {
        return impact;
    }

    public String description() {
        return description;
    }

    /** True for classes found by reading the page (signatures and structural checks), false for transport errors. */
    public boolean isContent() {
        return ordinal() > TIMEOUT.ordinal();
    }

    /** Lower is more important when choosing the primary class; see the class comment. */
    public int priority() {
        return ordinal();
    }

    /**
     * Parses a wire name. Throws {@link IllegalArgumentException} naming the unknown value and listing the valid ones,
     * so a config or signature file with a typo gets a message a person can act on.
     */
    @JsonCreator
    public static FailureClass fromId(String id) {
        FailureClass c = id == null ? null : BY_ID.get(id);
        if (c == null) {
            throw new IllegalArgumentException("unknown failure class '" + id + "'; expected one of "
                    + Arrays.stream(values()).map(FailureClass::id).collect(Collectors.joining(", ")));
        }
        return c;
    }

    @Override
    public String toString() {
        return id;
    }
}
