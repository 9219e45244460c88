package org.watchpost.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file could not be used; carries every problem found, in file order. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().sorted().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = problems.stream().sorted().toList();
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
