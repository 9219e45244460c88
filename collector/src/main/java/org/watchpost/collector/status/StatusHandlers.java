package org.watchpost.collector.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.collector.alert.Payloads;
import org.watchpost.collector.fleet.FleetSnapshot;
import org.watchpost.collector.fleet.Incident;
import org.watchpost.protocol.WireJson;

/**
 * The status page ({@code GET /}) and its JSON twins ({@code GET /api/v1/status}, {@code GET /api/v1/incidents},
 * {@code GET /api/v1/incidents/{id}}), as Jetty core handlers the collector's routes mount.
 *
 * <p>The page comes from precompiled jte templates with the HTML content type: every value, whatever an agent or a
 * page put into it, is escaped for where it stands. A Content-Security-Policy without script sources backs that up.
 */
public final class StatusHandlers {
    private static final Logger log = LoggerFactory.getLogger(StatusHandlers.class);
    /** The page reloads itself this often; no JavaScript needed. */
    public static final int REFRESH_SECONDS = 30;
    public static final int DEFAULT_RECENT = 20;
    public static final int MAX_RECENT = 500;
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
            + " form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final StatusData data;
    private final StatusAuth auth;
    private final Clock clock;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final ObjectMapper json = WireJson.newMapper();

    private final Payloads payloads;

    public StatusHandlers(StatusData data, StatusPageSettings settings, Payloads payloads, Clock clock) {
        this.data = data;
        this.payloads = payloads;
        this.auth = new StatusAuth(settings);
        this.clock = clock;
    }

    /** {@code GET /}. */
    public Handler page() {
        return new Protected() {
            @Override
            void serve(Request request, Response response, Callback callback) throws Exception {
                if (!"/".equals(Request.getPathInContext(request))) {
                    error(response, callback, HttpStatus.NOT_FOUND_404, "no page at " + Request.getPathInContext(request));
                    return;
                }
                byte[] html = render(DEFAULT_RECENT);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
                response.getHeaders().put("Content-Security-Policy", CSP);
                response.getHeaders().put("X-Content-Type-Options", "nosniff");
                response.getHeaders().put("Referrer-Policy", "no-referrer");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.wrap(html), callback);
            }
        };
    }

    /** The page's bytes; the benchmark calls this too. */
    public byte[] render(int recent) throws SQLException {
        FleetSnapshot snapshot = data.snapshot();
        StatusModel model = StatusModels.build(snapshot, data.openIncidents(), data.recentIncidents(recent),
                clock.instant(), REFRESH_SECONDS);
        Utf8ByteOutput out = new Utf8ByteOutput();
        templates.render("status.jte", model, out);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(out.getContentLength());
        try {
            out.writeTo(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** {@code GET /api/v1/status}: every target's view and history, the agents and the open incidents. */
    public Handler statusJson() {
        return new Protected() {
            @Override
            void serve(Request request, Response response, Callback callback) throws Exception {
                FleetSnapshot s = data.snapshot();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("generated_at", s.time());
                body.put("targets", s.targets());
                body.put("history", s.history());
                body.put("agents", s.agents());
                body.put("open_incidents", incidents(data.openIncidents()));
                body.put("dropped_targets", s.droppedTargets());
                json(response, callback, HttpStatus.OK_200, body);
            }
        };
    }

    /** {@code GET /api/v1/incidents[?limit=N]}: open incidents and the N most recently resolved, with timelines. */
    public Handler incidentsJson() {
        return new Protected() {
            @Override
            void serve(Request request, Response response, Callback callback) throws Exception {
                String limitText = Request.extractQueryParameters(request).getValue("limit");
                int limit = DEFAULT_RECENT;
                if (limitText != null) {
                    Integer n = limitText.matches("\\d{1,6}") ? Integer.valueOf(limitText) : null;
                    if (n == null || n > MAX_RECENT) {
                        error(response, callback, HttpStatus.BAD_REQUEST_400, "limit must be a number from 0 to "
                                + MAX_RECENT + ", not '" + abbreviate(limitText) + "'");
                        return;
                    }
                    limit = n;
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("open", incidents(data.openIncidents()));
                body.put("recent", incidents(data.recentIncidents(limit)));
                json(response, callback, HttpStatus.OK_200, body);
            }
        };
    }

    /** {@code GET /api/v1/incidents/{id}}. */
    public Handler incidentJson() {
        return new Protected() {
            @Override
            void serve(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                String idText = path.substring(path.lastIndexOf('/') + 1);
                if (!idText.matches("\\d{1,18}")) {
                    error(response, callback, HttpStatus.NOT_FOUND_404, "'" + abbreviate(idText)
                            + "' is not an incident id");
                    return;
                }
                Optional<Incident> incident = data.incident(Long.parseLong(idText));
                if (incident.isEmpty()) {
                    error(response, callback, HttpStatus.NOT_FOUND_404, "there is no incident " + idText);
                    return;
                }
                json(response, callback, HttpStatus.OK_200, payloads.incident(incident.get()));
            }
        };
    }

    /** Checks the read protection, then serves; a database that cannot answer is a 503, never a stack trace. */
    private abstract class Protected extends Handler.Abstract.NonBlocking {
        abstract void serve(Request request, Response response, Callback callback) throws Exception;

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!auth.allows(request)) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, auth.challenge());
                error(response, callback, HttpStatus.UNAUTHORIZED_401, "the status page needs the read token or the"
                        + " user and password of status_page.auth");
                return true;
            }
            try {
                serve(request, response, callback);
            } catch (SQLException | RuntimeException e) {
                log.error("could not serve {}", Request.getPathInContext(request), e);
                error(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "the collector's database did not"
                        + " answer; try again shortly");
            } catch (Exception e) {
                callback.failed(e);
            }
            return true;
        }
    }

    private List<Object> incidents(List<Incident> incidents) {
        return incidents.stream().<Object>map(payloads::incident).toList();
    }

    private void json(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private void error(Response response, Callback callback, int status, String message) {
        json(response, callback, status, Map.of("error", message));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
