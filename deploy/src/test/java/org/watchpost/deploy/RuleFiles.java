package org.watchpost.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The shipped Prometheus rules (deploy/prometheus/rules/*.rules.yml) and their promtool tests. */
public final class RuleFiles {
    private RuleFiles() {
    }

    public record Rule(String file, String group, String name, boolean alert, String expr, String forDuration,
                       Map<String, String> labels, Map<String, String> annotations) {
        public String where() {
            return "deploy/prometheus/rules/" + file + " group " + group + (alert ? " alert " : " record ") + name;
        }
    }

    public static List<Path> ruleFiles() {
        return RepoFiles.list("deploy/prometheus/rules", ".rules.yml");
    }

    public static List<Path> testFiles() {
        return RepoFiles.list("deploy/prometheus/tests", ".test.yml");
    }

    @SuppressWarnings("unchecked")
    public static List<Rule> load() {
        List<Rule> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            Map<String, Object> doc = (Map<String, Object>) yaml(file);
            for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
                    boolean alert = r.containsKey("alert");
                    rules.add(new Rule(file.getFileName().toString(), (String) group.get("name"),
                            (String) (alert ? r.get("alert") : r.get("record")), alert, (String) r.get("expr"),
                            (String) r.get("for"), strings(r.get("labels")), strings(r.get("annotations"))));
                }
            }
        }
        return rules;
    }

    public static Object yaml(Path file) {
        return new Load(LoadSettings.builder().setLabel(file.toString()).build())
                .loadFromString(RepoFiles.read(RepoFiles.root().relativize(file).toString()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object map) {
        return map == null ? Map.of() : (Map<String, String>) map;
    }
}
