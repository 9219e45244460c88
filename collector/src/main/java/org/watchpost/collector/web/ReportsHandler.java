package org.watchpost.collector.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.watchpost.collector.ingest.RejectReason;
import org.watchpost.collector.ingest.ReportIngestor;
import org.watchpost.collector.ingest.ReportRejected;
import org.watchpost.protocol.ReportAck;

/**
 * {@code POST /api/v1/reports}: 200 with a {@link ReportAck}, or the refusal's status and {@code {"error": "…"}}; a
 * 503 carries {@code Retry-After}, a 401 {@code WWW-Authenticate: Bearer}. Blocking: it reads the body on a pool
 * thread, through the ingestor's limits.
 */
public final class ReportsHandler extends Handler.Abstract {
    /** Seconds an agent waits before retrying after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final ReportIngestor ingestor;
    private final ObjectMapper json;

    public ReportsHandler(ReportIngestor ingestor, ObjectMapper json) {
        this.ingestor = ingestor;
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        HttpFields h = request.getHeaders();
        InputStream body = Content.Source.asInputStream(request);
        try {
            ReportAck ack = ingestor.ingest(new ReportIngestor.Request(h.get(HttpHeader.AUTHORIZATION),
                    h.get(HttpHeader.CONTENT_TYPE), h.get(HttpHeader.CONTENT_ENCODING), request.getLength(), body),
                    start);
            JsonResponses.send(json, response, callback, 200, ack);
        } catch (ReportRejected e) {
            if (e.reason() == RejectReason.UNAVAILABLE) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            } else if (e.reason() == RejectReason.UNAUTHORIZED) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            }
            if (e.reason() == RejectReason.TOO_LARGE || e.reason() == RejectReason.TIMEOUT) {
                // The rest of the body is not worth reading: close the connection after the answer.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            JsonResponses.error(json, response, callback, e.reason().status(), e.getMessage());
        }
        return true;
    }
}
