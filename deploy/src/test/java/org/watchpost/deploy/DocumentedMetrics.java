package org.watchpost.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names docs/metrics.md documents: every {@code watchpost_…}, {@code jvm_…} and {@code process_…} name on
 * the page. A histogram documented by its base name also documents its {@code _bucket}, {@code _sum} and
 * {@code _count} series.
 */
public final class DocumentedMetrics {
    private static final Pattern NAME = Pattern.compile("\\b(?:watchpost|jvm|process)_[a-z0-9_]+\\b");
    private static final Pattern HISTOGRAM_SERIES = Pattern.compile("(.+)_(?:bucket|sum|count)");

    private final Set<String> names;

    private DocumentedMetrics(Set<String> names) {
        this.names = names;
    }

    public static DocumentedMetrics parse(String markdown) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(markdown);
        while (m.find()) {
            names.add(m.group());
        }
        return new DocumentedMetrics(names);
    }

    public static DocumentedMetrics load() {
        return parse(RepoFiles.read("docs/metrics.md"));
    }

    public boolean documents(String metric) {
        if (names.contains(metric)) {
            return true;
        }
        Matcher m = HISTOGRAM_SERIES.matcher(metric);
        return m.matches() && names.contains(m.group(1));
    }

    public Set<String> names() {
        return names;
    }
}
