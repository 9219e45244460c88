package org.watchpost.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The problems found in one config file. Bounded: a generated file with a mistake in every one of its thousands of
 * targets would otherwise print thousands of near-identical lines and hold them all in memory.
 */
public final class ProblemList {
    public static final int CAPACITY = 1000;

    private final Path file;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private int dropped;

    public ProblemList(Path file) {
        this.file = file;
    }

    public void add(Node node, String message) {
        add(node == null ? Optional.empty() : node.getStartMark(), message);
    }

    public void add(Optional<Mark> mark, String message) {
        // Marks are 0-based; editors and compilers count from 1.
        add(mark.map(Mark::getLine).orElse(0) + 1, mark.map(Mark::getColumn).orElse(0) + 1, message);
    }

    public void add(int line, int column, String message) {
        if (problems.size() >= CAPACITY) {
            dropped++;
            return;
        }
        problems.add(new ConfigProblem(file, line, column, message));
    }

    public int size() {
        return problems.size();
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public ConfigException toException() {
        List<ConfigProblem> all = new ArrayList<>(problems);
        if (dropped > 0) {
            ConfigProblem last = all.stream().max(Comparator.naturalOrder()).orElseThrow();
            all.add(new ConfigProblem(file, last.line(), last.column(), dropped + " more problems were found but not"
                    + " listed; fix the ones above and check the file again"));
        }
        return new ConfigException(all);
    }
}
