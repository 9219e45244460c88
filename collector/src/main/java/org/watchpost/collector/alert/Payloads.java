package org.watchpost.collector.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.watchpost.collector.fleet.Incident;
import org.watchpost.collector.fleet.IncidentEvent;
import org.watchpost.protocol.WireJson;

/**
 * The bodies that leave the collector: Alertmanager v2 alerts and the webhook payload (documented in
 * docs/protocol.md, "Notifications"). Rendered when sent, from the incident as it stands then.
 */
public final class Payloads {
    private final ObjectMapper json = WireJson.newMapper();
    private final String publicUrl;

    /** @param publicUrl the status page's public URL, ending in "/" */
    public Payloads(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
    }

    public String incidentUrl(long id) {
        return publicUrl + "#incident-" + id;
    }

    public String targetUrl(String target) {
        return publicUrl + "#target-" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A one-alert array for {@code POST /api/v2/alerts}.
     *
     * @param alertname the identity the row was queued with (an earlier verdict's, for a superseded one)
     * @param cls       likewise the class label
     * @param endsAt    four resend intervals ahead while firing; the resolution time when resolved
     */
    public byte[] alertmanager(Incident i, String alertname, String cls, Instant endsAt) {
        ArrayNode array = json.createArrayNode();
        ObjectNode alert = array.addObject();
        ObjectNode labels = alert.putObject("labels");
        labels.put("alertname", alertname);
        labels.put("target", i.target());
        labels.put("class", cls);
        labels.put("severity", alertname.equals(Incident.alertname(org.watchpost.collector.fleet.FleetState.DOWN))
                ? "critical" : "warning");
        if (!i.site().isEmpty()) {
            labels.put("site", i.site());
        }
        if (!i.team().isEmpty()) {
            labels.put("team", i.team());
        }
        ObjectNode annotations = alert.putObject("annotations");
        annotations.put("summary", summary(i, cls));
        annotations.put("evidence", i.evidence());
        annotations.put("hint", i.hint());
        annotations.put("status_page_url", targetUrl(i.target()));
        annotations.put("agents", String.join(", ", i.agents()));
        annotations.put("incident_id", Long.toString(i.id()));
        alert.put("startsAt", i.firstSeen().toString());
        alert.put("endsAt", endsAt.toString());
        alert.put("generatorURL", incidentUrl(i.id()));
        return bytes(array);
    }

    /** The webhook body: the event and the whole incident with its timeline. */
    public byte[] webhook(String event, Incident i, long delivery, Instant sentAt) {
        ObjectNode root = json.createObjectNode();
        root.put("schema", 1);
        root.put("event", event);
        root.put("delivery", delivery);
        root.put("sent_at", sentAt.toString());
        root.set("incident", incident(i));
        return bytes(root);
    }

    /** An incident as webhooks and {@code /api/v1/incidents} show it. */
    public ObjectNode incident(Incident i) {
        ObjectNode inc = json.createObjectNode();
        inc.put("id", i.id());
        inc.put("url", incidentUrl(i.id()));
        inc.put("target", i.target());
        inc.put("site", i.site());
        inc.put("team", i.team());
        inc.put("state", i.open() ? "open" : "resolved");
        inc.put("verdict", i.verdict().id());
        inc.put("class", i.primaryClass().id());
        inc.put("severity", i.severity());
        inc.put("summary", summary(i, i.primaryClass().id()));
        inc.put("signature", i.signature());
        inc.put("evidence", i.evidence());
        inc.put("hint", i.hint());
        ArrayNode agents = inc.putArray("agents");
        i.agents().forEach(agents::add);
        inc.put("first_seen", i.firstSeen().toString());
        inc.put("last_seen", i.lastSeen().toString());
        inc.put("opened_at", i.openedAt().toString());
        if (i.resolvedAt() != null) {
            inc.put("resolved_at", i.resolvedAt().toString());
        } else {
            inc.putNull("resolved_at");
        }
        inc.put("flaps", i.flaps());
        ArrayNode timeline = inc.putArray("timeline");
        for (IncidentEvent e : i.timeline()) {
            ObjectNode ev = timeline.addObject();
            ev.put("time", e.time().toString());
            ev.put("kind", e.kind());
            ev.put("detail", e.detail());
        }
        inc.put("timeline_dropped", i.eventsDropped());
        return inc;
    }

    public static String summary(Incident i, String cls) {
        return i.target() + " is " + i.verdict().id() + " (" + cls + ") as seen from "
                + (i.agents().isEmpty() ? "the fleet" : String.join(", ", i.agents()));
    }

    private byte[] bytes(Object node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write a notification body", e);
        }
    }
}
