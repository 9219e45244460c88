package org.watchpost.agent.probe;

import org.watchpost.protocol.PhaseTimings;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one probe saw. Either {@link #failure()} is set (no response at all) or {@link #status()} is.
 *
 * @param startedAt      when the probe began (wall clock)
 * @param url            the URL asked for
 * @param finalUrl       where the redirects ended (equal to url when there were none)
 * @param redirects      how many redirects were followed
 * @param redirectError  set when following stopped: a loop, too many hops, or a redirect without a usable Location
 * @param status         final HTTP status, or -1 when there was no response
 * @param headers        final response headers, names lower-cased, in arrival order
 * @param body           the first bytes of the decoded body, at most the request's maxBodyBytes
 * @param bodyCapped     true when the body was longer than maxBodyBytes and reading stopped there (not a failure)
 * @param bodyCut        set when the body ended early (Content-Length not met, chunked stream cut, bad encoding)
 * @param contentLength  the declared Content-Length, or -1
 * @param phases         where the time went
 * @param durationNanos  the whole probe
 * @param tls            the final hop's TLS details, null for plain http or when no handshake completed
 * @param failure        why there was no response, null when there was one
 */
public record ProbeResult(
        Instant startedAt,
        URI url,
        URI finalUrl,
        int redirects,
        String redirectError,
        int status,
        Map<String, List<String>> headers,
        byte[] body,
        boolean bodyCapped,
        String bodyCut,
        long contentLength,
        PhaseTimings phases,
        long durationNanos,
        TlsInfo tls,
        TransportFailure failure) {

    public ProbeResult {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(url, "url");
        finalUrl = finalUrl == null ? url : finalUrl;
        headers = headers == null ? Map.of() : headers;
        body = body == null ? new byte[0] : body;
        phases = phases == null ? PhaseTimings.NONE : phases;
        if ((failure == null) == (status < 0)) {
            throw new IllegalArgumentException("a probe result has either a status or a transport failure");
        }
    }

    public boolean responded() {
        return failure == null;
    }

    /** The first value of a header, by lower-case name, or null. */
    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A result for a page that did not come over the network: {@code classify FILE}. Served as HTTP 200. */
    public static ProbeResult ofPage(URI source, Instant at, byte[] body) {
        return new ProbeResult(at, source, source, 0, null, 200, Map.of(), body, false, null, body.length,
                PhaseTimings.NONE, 0, null, null);
    }
}
