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
            return ConfigLoader.load(file, ConfigLoader.Secrets.READ);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            // What was parsed so far is garbage once we are here, so there is room again to say so.
            err.println(tooLarge(file));
        }
        return null;
    }

    /** The sentence for a config that does not fit in the heap: its size, and the two ways out. */
    static String tooLarge(Path file) {
        long bytes = -1;
        try {
            bytes = java.nio.file.Files.size(file);
        } catch (IOException | RuntimeException ignored) {
            // the size only makes the message more useful
        }
        long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
        return file + ": too large to read within this JVM's " + heapMiB + " MiB heap"
                + (bytes >= 0 ? " (the file has " + bytes + " bytes)" : "")
                + "; give the JVM more memory (java -Xmx…) or split the targets across several agents";
    }
}
