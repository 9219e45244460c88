package org.watchpost.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.config.ConfigException;
import org.watchpost.agent.config.ConfigLoader;

/** How the commands read a config file: every problem printed as {@code FILE:LINE:COL: message}, or one sentence. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The config, or null after printing why it cannot be used to {@code err}. */
    static AgentConfig loadOrPrint(Path file, PrintWriter err) {
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
        }
        return null;
    }
}
