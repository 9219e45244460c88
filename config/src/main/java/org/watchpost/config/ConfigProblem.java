package org.watchpost.config;

import java.nio.file.Path;

/**
 * One thing wrong with a config file, printed as {@code FILE:LINE:COL: message} (1-based, like compilers do) so
 * editors and terminals can jump to it.
 */
public record ConfigProblem(Path file, int line, int column, String message) implements Comparable<ConfigProblem> {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public int compareTo(ConfigProblem o) {
        return line != o.line ? Integer.compare(line, o.line) : Integer.compare(column, o.column);
    }
}
