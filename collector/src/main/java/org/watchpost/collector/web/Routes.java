package org.watchpost.collector.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.MatchedResource;
import org.eclipse.jetty.http.pathmap.PathMappings;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The collector's endpoints by method and path; every package contributes its handlers here before the server
 * starts. Path specs are Jetty's: {@code /api/v1/reports} (exact), {@code /api/v1/targets/*} (prefix),
 * {@code ^/api/v1/targets/[^/]+$} (regex), {@code /api/v1/targets/{name}} (URI template).
 *
 * <pre>{@code
 * routes.get("/api/v1/incidents", new IncidentsHandler(store));
 * routes.post("/api/v1/reports", new ReportsHandler(ingestor));
 * }</pre>
 *
 * <p>A path that matches under another method answers 405 with {@code Allow}; one that matches nothing, 404. Both
 * with a JSON {@code {"error": "…"}} body.
 */
public final class Routes extends Handler.Abstract {
    private final Map<String, PathMappings<Handler>> byMethod = new LinkedHashMap<>();
    private final ObjectMapper json;

    public Routes(ObjectMapper json) {
        this.json = json;
    }

    public Routes get(String pathSpec, Handler handler) {
        return add("GET", pathSpec, handler);
    }

    public Routes post(String pathSpec, Handler handler) {
        return add("POST", pathSpec, handler);
    }

    /** Adds a route; a second route with the same method and path spec is a programming error. */
    public synchronized Routes add(String method, String pathSpec, Handler handler) {
        if (isStarted()) {
            throw new IllegalStateException("routes are fixed once the server started; add " + method + " "
                    + pathSpec + " before");
        }
        PathMappings<Handler> mappings = byMethod.computeIfAbsent(method, m -> new PathMappings<>());
        PathSpec spec = PathSpec.from(pathSpec);
        if (mappings.get(spec) != null) {
            throw new IllegalArgumentException(method + " " + pathSpec + " is routed twice");
        }
        mappings.put(spec, handler);
        addBean(handler);
        return this;
    }

    /** Jetty gives the server to the handler it was set on; the routed handlers need it too. */
    @Override
    public void setServer(org.eclipse.jetty.server.Server server) {
        super.setServer(server);
        for (PathMappings<Handler> mappings : byMethod.values()) {
            mappings.forEach(m -> m.getResource().setServer(server));
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        PathMappings<Handler> mappings = byMethod.get(method.equals("HEAD") ? "GET" : method);
        MatchedResource<Handler> match = mappings == null ? null : mappings.getMatched(path);
        if (match != null) {
            return match.getResource().handle(request, response, callback);
        }
        TreeSet<String> allowed = new TreeSet<>();
        byMethod.forEach((m, pm) -> {
            if (pm.getMatched(path) != null) {
                allowed.add(m);
            }
        });
        if (!allowed.isEmpty()) {
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
            JsonResponses.error(json, response, callback, 405, method + " is not allowed on " + path + "; use "
                    + String.join(" or ", allowed));
            return true;
        }
        JsonResponses.error(json, response, callback, 404, "no such endpoint: " + path);
        return true;
    }
}
