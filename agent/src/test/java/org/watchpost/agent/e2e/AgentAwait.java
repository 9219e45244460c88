package org.watchpost.agent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Waits until what the running agent exposes says what a test expects. When it never does, the failure shows what a
 * person debugging it needs first: the agent's last answer, its log, and whatever the test adds about the servers
 * behind the page (their logs, the page as the test last fetched it).
 *
 * <pre>{@code
 * AgentAwait.metrics(agent, "news to be down", site::logTails, m -> assertThat(m.value(...)).hasValue(0));
 * }</pre>
 */
final class AgentAwait {
    /**
     * Two failing probes 2 s apart turn a target down; the rest is slack for two cores shared with the servers. It
     * bounds the wait, never the behaviour: a test passes as soon as the agent gets there.
     */
    static final Duration AT_MOST = Duration.ofSeconds(40);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentAwait() {
    }

    /**
     * Scrapes {@code /metrics} until {@code assertion} holds.
     *
     * @param context more for the failure message, asked only on failure
     * @throws AssertionError after {@link #AT_MOST}, or at once if the agent exits, with the last scrape's
     *                        {@code watchpost_} samples, the agent's log and {@code context}
     */
    static void metrics(AgentProcess agent, String what, Supplier<String> context,
                        Consumer<PrometheusText> assertion) {
        AtomicReference<String> last = new AtomicReference<>("(no scrape succeeded)");
        try {
            await(agent, what).untilAsserted(() -> {
                String text = agent.metrics();
                last.set(text);
                assertion.accept(PrometheusText.parse(text));
            });
        } catch (ConditionTimeoutException | IllegalStateException | IllegalArgumentException
                 | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\nwatchpost_ samples of the last scrape:\n"
                    + PrometheusText.watchpostLines(last.get()) + agent.logTail() + "\n" + context.get(), e);
        }
    }

    /**
     * Reads {@code GET /api/v1/targets} until {@code assertion} holds for the entry of {@code target}.
     *
     * @throws AssertionError as {@link #metrics} does, with the last answer of the API instead of the metrics
     */
    static void target(AgentProcess agent, String target, String what, Supplier<String> context,
                       Consumer<JsonNode> assertion) {
        AtomicReference<String> last = new AtomicReference<>("(no answer)");
        try {
            await(agent, what).untilAsserted(() -> {
                String body = agent.get("/api/v1/targets");
                last.set(body);
                JsonNode entry = findTarget(JSON.readTree(body), target);
                if (entry == null) {
                    throw new AssertionError("GET /api/v1/targets has no entry for " + target);
                }
                assertion.accept(entry);
            });
        } catch (ConditionTimeoutException | IllegalStateException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\nlast GET /api/v1/targets:\n" + last.get() + "\n"
                    + agent.logTail() + "\n" + context.get(), e);
        }
    }

    /** Every finding in a target's entry: the objects that carry a {@code class} and an {@code evidence}. */
    static List<JsonNode> findings(JsonNode target) {
        List<JsonNode> out = new ArrayList<>();
        collectFindings(target, out);
        return out;
    }

    /**
     * Fetches a page the way a visitor would, for tests that record what the real stack printed before they ask the
     * agent about it.
     */
    static HttpResponse<String> fetch(URI page) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest request = HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + page + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + page, e);
        }
    }

    /** A page as a failure message shows it: status line, then the body. */
    static String describe(HttpResponse<String> page) {
        return "GET " + page.uri() + " -> " + page.statusCode() + "\n" + page.body();
    }

    private static ConditionFactory await(AgentProcess agent, String what) {
        return Awaitility.await(what)
                .atMost(AT_MOST)
                .pollInterval(POLL)
                .failFast("the agent exited", () -> !agent.isAlive());
    }

    /** The API's shape is the agent's to choose; this finds the object that names the target, wherever it sits. */
    private static JsonNode findTarget(JsonNode node, String name) {
        if (node.isObject()) {
            for (String key : List.of("name", "target")) {
                if (name.equals(node.path(key).asText(null))) {
                    return node;
                }
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode found = findTarget(it.next(), name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void collectFindings(JsonNode node, List<JsonNode> out) {
        if (node.isObject() && node.has("class") && node.has("evidence")) {
            out.add(node);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collectFindings(it.next(), out);
        }
    }
}
