package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What Grafana and a user need from the shipped dashboards that a schema cannot say: stable uids, one datasource
 * variable used everywhere, the same variables on every dashboard, a description on every panel, a layout that fits.
 * (The schema itself is checked by .ci/dashboard-schema-check, the queries by the e2e tests against Prometheus.)
 */
class DashboardsTest {
    private static final Map<String, String> UIDS = Map.of(
            "watchpost-fleet.json", "watchpost-fleet",
            "watchpost-target.json", "watchpost-target",
            "watchpost-agent-health.json", "watchpost-agent-health",
            "watchpost-collector.json", "watchpost-collector");
    private static final List<String> VARIABLES = List.of("datasource", "site", "team", "target", "agent");
    private static final Set<String> BUILT_INS = Set.of("__rate_interval", "__interval", "__range", "__all");
    private static final Pattern VARIABLE_USE = Pattern.compile("\\$\\{?(\\w+)");

    private final List<Dashboards.Dashboard> dashboards = Dashboards.load();

    @Test
    void theFourDashboardsKeepTheirUids() {
        Map<String, String> found = new java.util.TreeMap<>();
        dashboards.forEach(d -> found.put(d.name(), d.uid()));
        assertThat(found).isEqualTo(new java.util.TreeMap<>(UIDS));
    }

    @Test
    void eachIsACurrentDashboardModelTaggedWatchpost() {
        for (Dashboards.Dashboard d : dashboards) {
            assertThat(d.json().path("schemaVersion").asInt()).as(d.name() + " schemaVersion").isEqualTo(41);
            assertThat(d.json().path("title").asText()).as(d.name() + " title").startsWith("Watchpost / ");
            assertThat(d.json().path("tags").toString()).as(d.name() + " tags").contains("\"watchpost\"");
            assertThat(d.json().path("description").asText()).as(d.name() + " description").hasSizeGreaterThan(40);
            assertThat(d.json().has("id")).as(d.name() + " must not pin a database id").isFalse();
        }
    }

    @Test
    void everyDashboardHasTheSameVariablesAndADatasourceVariableOfTypePrometheus() {
        for (Dashboards.Dashboard d : dashboards) {
            assertThat(d.variables()).extracting(Dashboards.Variable::name).as(d.name()).isEqualTo(VARIABLES);
            Dashboards.Variable ds = d.variables().get(0);
            assertThat(ds.type()).as(d.name() + " datasource variable type").isEqualTo("datasource");
            assertThat(ds.query()).as(d.name() + " datasource variable plugin").isEqualTo("prometheus");
            for (Dashboards.Variable v : d.variables().subList(1, VARIABLES.size())) {
                assertThat(v.type()).as(d.name() + " variable " + v.name()).isEqualTo("query");
                assertThat(v.includeAll()).as(d.name() + " variable " + v.name() + " offers All").isTrue();
            }
        }
    }

    @Test
    void everyPanelAndQueryUsesTheDatasourceVariable() {
        List<String> problems = new ArrayList<>();
        for (Dashboards.Dashboard d : dashboards) {
            for (JsonNode v : d.json().path("templating").path("list")) {
                if (v.path("type").asText().equals("query")) {
                    checkDatasource(problems, d.name() + " variable " + v.path("name").asText(), v.path("datasource"));
                }
            }
            for (JsonNode p : d.dataPanels()) {
                String panel = d.name() + " panel '" + p.path("title").asText() + "'";
                checkDatasource(problems, panel, p.path("datasource"));
                if (p.path("targets").isEmpty()) {
                    problems.add(panel + " has no query");
                }
                for (JsonNode t : p.path("targets")) {
                    checkDatasource(problems, panel + " query " + t.path("refId").asText(), t.path("datasource"));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void checkDatasource(List<String> problems, String where, JsonNode ds) {
        if (!ds.path("type").asText().equals("prometheus") || !ds.path("uid").asText().equals("${datasource}")) {
            problems.add(where + " has datasource " + ds + ", expected {\"type\":\"prometheus\",\"uid\":\"${datasource}\"}");
        }
    }

    @Test
    void everyPanelSaysWhatItShowsAndWhatToDo() {
        List<String> problems = new ArrayList<>();
        for (Dashboards.Dashboard d : dashboards) {
            for (JsonNode p : d.dataPanels()) {
                String description = p.path("description").asText();
                // Two sentences at least: what it shows, and what to do or what it means when it moves.
                if (description.length() < 80 || description.split("[.:;] ").length < 2) {
                    problems.add(d.name() + " panel '" + p.path("title").asText() + "': description too thin: '"
                            + description + "'");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void panelIdsAreUniqueAndTheLayoutFitsTheGrid() {
        for (Dashboards.Dashboard d : dashboards) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : d.panels()) {
                assertThat(ids.add(p.path("id").asInt())).as(d.name() + " duplicate panel id " + p.path("id")).isTrue();
                JsonNode g = p.path("gridPos");
                assertThat(g.path("w").asInt()).as(d.name() + " panel " + p.path("id") + " width").isBetween(1, 24);
                assertThat(g.path("x").asInt() + g.path("w").asInt())
                        .as(d.name() + " panel " + p.path("id") + " right edge").isLessThanOrEqualTo(24);
                assertThat(g.path("h").asInt()).as(d.name() + " panel " + p.path("id") + " height").isPositive();
            }
        }
    }

    @Test
    void queriesUseOnlyDefinedVariables() {
        List<String> problems = new ArrayList<>();
        for (Dashboards.Dashboard d : dashboards) {
            Set<String> defined = new HashSet<>(BUILT_INS);
            d.variables().forEach(v -> defined.add(v.name()));
            List<String> texts = new ArrayList<>();
            d.queries().forEach(q -> texts.add(q.where() + ": " + q.expr()));
            d.variables().forEach(v -> texts.add(d.name() + " variable " + v.name() + ": " + v.query()));
            for (String text : texts) {
                Matcher m = VARIABLE_USE.matcher(text.substring(text.indexOf(": ") + 2));
                while (m.find()) {
                    if (!defined.contains(m.group(1))) {
                        problems.add(text + " uses undefined variable $" + m.group(1));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void provisioningLoadsTheDashboardsFromWhereThePackageInstallsThem() {
        Load yaml = new Load(LoadSettings.builder().build());
        Map<String, Object> providers = (Map<String, Object>) yaml.loadFromString(
                RepoFiles.read("dashboards/provisioning/dashboards/watchpost.yml"));
        Map<String, Object> provider = ((List<Map<String, Object>>) providers.get("providers")).get(0);
        assertThat(provider).containsEntry("type", "file").containsEntry("folder", "Watchpost");
        String path = (String) ((Map<String, Object>) provider.get("options")).get("path");
        assertThat(path).isEqualTo("/usr/share/watchpost/dashboards");
        assertThat(RepoFiles.read("deploy/pom.xml")).contains("<prefix>" + path + "</prefix>");

        Map<String, Object> datasources = (Map<String, Object>) yaml.loadFromString(
                RepoFiles.read("dashboards/provisioning/datasources/watchpost.yml"));
        Map<String, Object> ds = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        assertThat(ds).containsEntry("type", "prometheus").containsEntry("isDefault", true);
    }
}
