package org.watchpost.agent.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo's collector decided, read from its JSON API as any client would: the consensus state of each target
 * ({@code GET /api/v1/status}) and the open and recent incidents ({@code GET /api/v1/incidents}).
 */
public final class FleetFeed {
    /** One incident as the demo prints it. */
    public record Incident(long id, String target, String state, String cls, String evidence, List<String> agents,
                           String openedAt, String resolvedAt) {
    }

    /** The fleet at one moment; {@code error} says why it could not be read (then the rest is empty). */
    public record View(Map<String, String> states, List<Incident> incidents, String error) {
        static View unavailable(String why) {
            return new View(Map.of(), List.of(), why);
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ObjectMapper json = new ObjectMapper();

    public FleetFeed(URI base) {
        this.base = base;
    }

    public View read() {
        try {
            JsonNode status = get("/api/v1/status");
            JsonNode incidents = get("/api/v1/incidents?limit=5");
            Map<String, String> states = new LinkedHashMap<>();
            for (JsonNode t : status.path("targets")) {
                states.put(t.path("target").asText(), t.path("state").asText());
            }
            List<Incident> list = new ArrayList<>();
            for (String part : List.of("open", "recent")) {
                for (JsonNode i : incidents.path(part)) {
                    List<String> agents = new ArrayList<>();
                    i.path("agents").forEach(a -> agents.add(a.asText()));
                    list.add(new Incident(i.path("id").asLong(), i.path("target").asText(), i.path("state").asText(),
                            i.path("class").asText(), i.path("evidence").asText(), agents,
                            i.path("opened_at").asText(), i.path("resolved_at").isNull() ? null
                            : i.path("resolved_at").asText()));
                }
            }
            return new View(states, list, null);
        } catch (IOException e) {
            return View.unavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return View.unavailable("interrupted");
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(3))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode());
        }
        return json.readTree(r.body());
    }
}
