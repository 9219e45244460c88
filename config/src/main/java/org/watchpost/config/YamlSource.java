package org.watchpost.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns config text into one YAML node tree with positions, or into problems.
 *
 * <p>Before composing the tree it streams the parser's events once to enforce limits with a position: the expanded
 * size (every alias counted as a copy of what it names, which is what defeats "billion laughs" files), the nesting depth
 * (the composer recurses, so a file of ten thousand '[' would otherwise overflow the stack), and a single document.
 */
public final class YamlSource {
    /** Largest config file accepted, in bytes (load) or characters (parse). */
    public static final int MAX_CHARS = 8 << 20;
    /** Values in the file once aliases are expanded; tens of thousands of targets fit well below this. */
    public static final int MAX_VALUES = 1_000_000;
    /** The schema is five levels deep; anything much deeper is not a config file. */
    public static final int MAX_DEPTH = 64;

    private YamlSource() {
    }

    /**
     * The text of a config file: at most {@link #MAX_CHARS} bytes of UTF-8 (a byte order mark is dropped).
     *
     * @throws ConfigException naming the line and column of the first byte that is not UTF-8, or the size limit
     * @throws IOException     when the file cannot be read
     */
    public static String readFile(Path file) throws ConfigException, IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_CHARS + 1);
        }
        if (bytes.length > MAX_CHARS) {
            throw new ConfigException(List.of(new ConfigProblem(file, 1, 1, tooLargeMessage())));
        }
        return decodeUtf8(file, bytes);
    }

    /** The document's root node; empty when the text holds no document or a problem was reported. */
    public static Optional<Node> read(String text, ProblemList problems) {
        if (text.length() > MAX_CHARS) {
            problems.add(1, 1, tooLargeMessage());
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_VALUES)
                .setCodePointLimit(MAX_CHARS + 1)
                .build();
        try {
            if (!withinLimits(new Parse(settings).parseString(text), problems)) {
                return Optional.empty();
            }
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                problems.add(1, 1, "the file is empty; it needs at least a 'targets' list");
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            problems.add(e.getProblemMark().or(e::getContextMark), syntaxMessage(e));
        } catch (ReaderException e) {
            int[] position = lineAndColumn(text, e.getPosition());
            problems.add(position[0], position[1], String.format(Locale.ROOT,
                    "invalid YAML: the file contains the character U+%04X, which YAML does not allow",
                    e.getCodePoint()));
        } catch (YamlEngineException e) {
            problems.add(1, 1, "invalid YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    public static String tooLargeMessage() {
        return "the file is larger than " + Sizes.format(MAX_CHARS) + ", the limit for a config file";
    }

    private static boolean withinLimits(Iterable<Event> events, ProblemList problems) {
        Map<Anchor, Long> sizes = new HashMap<>();
        Deque<Long> openStarts = new ArrayDeque<>();
        Deque<Optional<Anchor>> openAnchors = new ArrayDeque<>();
        long values = 0;
        boolean aliased = false;
        int documents = 0;
        for (Event event : events) {
            switch (event.getEventId()) {
                case DocumentStart -> {
                    if (++documents > 1) {
                        problems.add(event.getStartMark(), "the file holds a second YAML document; a config file"
                                + " must be a single document, so remove the '---' line or split the file");
                        return false;
                    }
                }
                case Scalar -> {
                    values++;
                    ((NodeEvent) event).getAnchor().ifPresent(a -> sizes.put(a, 1L));
                }
                case MappingStart, SequenceStart -> {
                    values++;
                    openStarts.push(values);
                    openAnchors.push(((NodeEvent) event).getAnchor());
                    if (openStarts.size() > MAX_DEPTH) {
                        problems.add(event.getStartMark(), "values are nested more than " + MAX_DEPTH
                                + " levels deep, the limit for a config file");
                        return false;
                    }
                }
                case MappingEnd, SequenceEnd -> {
                    long start = openStarts.pop();
                    long size = values - start + 1;
                    openAnchors.pop().ifPresent(a -> sizes.put(a, size));
                }
                case Alias -> {
                    Anchor anchor = ((AliasEvent) event).getAlias();
                    if (!sizes.containsKey(anchor) && !openAnchors.contains(Optional.of(anchor))) {
                        problems.add(event.getStartMark(), "invalid YAML: the alias '*" + anchor.getValue()
                                + "' refers to no anchor defined before it");
                        return false;
                    }
                    // An alias to a collection still being read (a recursive one) counts as one value; the loader
                    // only descends as deep as the schema, so recursion cannot make it loop.
                    values += sizes.getOrDefault(anchor, 1L);
                    aliased = true;
                }
                default -> {
                }
            }
            if (values > MAX_VALUES) {
                problems.add(event.getStartMark(), aliased
                        ? "aliases expand the file to more than " + MAX_VALUES + " values, the limit for a config file"
                        : "the file has more than " + MAX_VALUES + " values, the limit for a config file");
                return false;
            }
        }
        return true;
    }

    private static String syntaxMessage(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem().strip();
        if (problem.endsWith(".")) {
            problem = problem.substring(0, problem.length() - 1);
        }
        StringBuilder message = new StringBuilder("invalid YAML: ").append(problem);
        String context = e.getContext();
        Optional<Mark> contextMark = e.getContextMark();
        boolean sameLine = contextMark.map(Mark::getLine).equals(e.getProblemMark().map(Mark::getLine));
        if (context != null && !context.isBlank() && contextMark.isPresent() && !sameLine) {
            message.append(" (").append(context.strip()).append(" that starts on line ")
                    .append(contextMark.get().getLine() + 1).append(')');
        }
        return message.toString();
    }

    /** 1-based line and column of a code point index, counting line breaks the way YAML does. */
    private static int[] lineAndColumn(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int i = 0;
        for (int seen = 0; seen < codePointIndex && i < text.length(); seen++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean crlf = cp == '\r' && i < text.length() && text.charAt(i) == '\n';
            if (cp == '\n' || (cp == '\r' && !crlf)) {
                line++;
                column = 1;
            } else if (!crlf) {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static String decodeUtf8(Path file, byte[] bytes) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            String before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            String lastLine = before.substring(before.lastIndexOf('\n') + 1);
            int column = 1 + lastLine.codePointCount(0, lastLine.length());
            throw new ConfigException(List.of(new ConfigProblem(file, line, column, String.format(Locale.ROOT,
                    "the file is not UTF-8 text: byte 0x%02X cannot appear here; save the file as UTF-8",
                    bytes[offset] & 0xFF))));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        // A byte order mark is legal in YAML but would otherwise shift every column on the first line.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
