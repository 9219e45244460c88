package org.watchpost.collector.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.watchpost.collector.store.AgentStatus;
import org.watchpost.collector.store.DatabaseUnavailableException;
import org.watchpost.collector.store.LatestResult;
import org.watchpost.collector.store.ResultStore;
import org.watchpost.protocol.AgentHealth;
import org.watchpost.protocol.CheckResult;

/** The read-only endpoints: agents, targets, health, readiness and metrics. */
public final class ReadHandlers {
    private ReadHandlers() {
    }

    /** A handler that answers GETs with JSON and turns a database outage into 503 with {@code Retry-After}. */
    abstract static class JsonGet extends Handler.Abstract {
        final ObjectMapper json;

        JsonGet(ObjectMapper json) {
            this.json = json;
        }

        abstract Object body(Request request);

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object body;
            try {
                body = body(request);
            } catch (DatabaseUnavailableException e) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(ReportsHandler.RETRY_AFTER_SECONDS));
                JsonResponses.error(json, response, callback, 503, e.getMessage());
                return true;
            }
            JsonResponses.send(json, response, callback, 200, body);
            return true;
        }
    }

    /** One agent in {@code GET /api/v1/agents}. */
    public record AgentView(String id, String version, Instant lastSeen, long firstSeq, long lastSeq, long received,
                            long declaredDropped, long gaps, AgentHealth health) {
        static AgentView of(AgentStatus s) {
            return new AgentView(s.id(), s.version(), s.lastSeen(), s.firstSeq(), s.lastSeq(), s.received(),
                    s.declaredDropped(), s.gaps(), s.health());
        }
    }

    /**
     * {@code GET /api/v1/agents}: every configured agent (those never heard from with zero counts and null health),
     * then any agent still in the database but no longer configured.
     */
    public static Handler agents(ResultStore store, List<String> configured, ObjectMapper json) {
        return new JsonGet(json) {
            @Override
            Object body(Request request) {
                Map<String, AgentStatus> byId = new LinkedHashMap<>();
                configured.forEach(id -> byId.put(id, AgentStatus.unseen(id)));
                for (AgentStatus s : store.agents()) {
                    byId.put(s.id(), s);
                }
                return byId.values().stream().map(AgentView::of).toList();
            }
        };
    }

    /** One agent's view of a target in {@code GET /api/v1/targets}. */
    public record AgentResult(String agent, long seq, Instant receivedAt, CheckResult result) {
    }

    /** One target in {@code GET /api/v1/targets}. */
    public record TargetView(String target, Map<String, String> labels, List<AgentResult> agents) {
    }

    /** {@code GET /api/v1/targets}: each target's latest result from each agent, findings (evidence) included. */
    public static Handler targets(ResultStore store, ObjectMapper json) {
        return new JsonGet(json) {
            @Override
            Object body(Request request) {
                Map<String, List<AgentResult>> byTarget = new LinkedHashMap<>();
                Map<String, Map<String, String>> labels = new LinkedHashMap<>();
                for (LatestResult l : store.latest()) {
                    byTarget.computeIfAbsent(l.target(), t -> new ArrayList<>())
                            .add(new AgentResult(l.agent(), l.seq(), l.receivedAt(), l.result()));
                    labels.putIfAbsent(l.target(), l.result().labels());
                }
                List<TargetView> out = new ArrayList<>();
                byTarget.forEach((t, results) -> out.add(new TargetView(t, labels.get(t), results)));
                return out;
            }
        };
    }

    /** {@code /-/healthy}: the process answers. */
    public static Handler healthy() {
        return new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                JsonResponses.text(response, callback, 200, "text/plain; charset=utf-8", "ok\n");
                return true;
            }
        };
    }

    /** {@code /-/ready}: 200 once the database is reachable and migrated, else 503 saying which. */
    public static Handler ready(BooleanSupplier migrated, BooleanSupplier reachable) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!migrated.getAsBoolean()) {
                    JsonResponses.text(response, callback, 503, "text/plain; charset=utf-8",
                            "not ready: database migrations have not run yet (is the database reachable?)\n");
                } else if (!reachable.getAsBoolean()) {
                    JsonResponses.text(response, callback, 503, "text/plain; charset=utf-8",
                            "not ready: the database is unreachable\n");
                } else {
                    JsonResponses.text(response, callback, 200, "text/plain; charset=utf-8", "ready\n");
                }
                return true;
            }
        };
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    public static Handler metrics(Supplier<String> scrape) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                JsonResponses.text(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8",
                        scrape.get());
                return true;
            }
        };
    }
}
