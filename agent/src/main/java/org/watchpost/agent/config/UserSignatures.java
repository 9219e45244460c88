package org.watchpost.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.watchpost.agent.detect.Signature;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.detect.SignatureParser;
import org.watchpost.config.ConfigSection;
import org.watchpost.config.ProblemList;

/**
 * The {@code signatures:} section: the user's own failure signatures, in the schema of the built-in library
 * (docs/signature-format.md), validated by the same parser and reported like every other config problem, at the
 * line and column of the key each problem is about.
 */
final class UserSignatures {
    private UserSignatures() {
    }

    static List<Signature> read(ConfigSection top, ProblemList problems, Path source) {
        List<Node> items = top.list("signatures", "a list of signatures (see docs/signature-format.md)");
        if (items == null || items.isEmpty()) {
            return List.of();
        }
        Set<String> builtIn = SignatureLibrary.builtIn().signatures().stream().map(Signature::id)
                .collect(java.util.stream.Collectors.toSet());
        Map<String, Node> seen = new HashMap<>();
        List<Signature> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String where = "signatures[" + i + "]";
            if (!(item instanceof MappingNode)) {
                problems.add(item, where + " must be a mapping with id, class, severity, anchors and hint, not "
                        + ConfigSection.describe(item));
                continue;
            }
            Map<String, Node> positions = new HashMap<>();
            Object plain = plain(item, "", positions);
            int before = problems.size();
            Signature s = SignatureParser.parse((Map<?, ?>) plain, null, where,
                    source + ":" + (item.getStartMark().map(m -> m.getLine() + 1).orElse(0)),
                    (key, message) -> problems.add(positions.getOrDefault(key, positionOfParent(key, positions,
                            item)), message));
            if (s == null || problems.size() > before) {
                continue;
            }
            Node idNode = positions.getOrDefault("id", item);
            if (builtIn.contains(s.id())) {
                problems.add(idNode, where + " '" + s.id() + "': the built-in library already has a signature with "
                        + "this id; choose another stack prefix (e.g. your organisation's name)");
            } else if (seen.containsKey(s.id())) {
                problems.add(idNode, where + " '" + s.id() + "': duplicate id, first defined on line "
                        + seen.get(s.id()).getStartMark().map(m -> m.getLine() + 1).orElse(0));
            } else {
                seen.put(s.id(), idNode);
                out.add(s);
            }
        }
        return out;
    }

    /** The closest node the problem's key path names: {@code examples.positive[1]} falls back to its parents. */
    private static Node positionOfParent(String key, Map<String, Node> positions, Node item) {
        String k = key;
        while (!k.isEmpty()) {
            Node n = positions.get(k);
            if (n != null) {
                return n;
            }
            int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
            k = cut < 0 ? "" : k.substring(0, cut);
        }
        return item;
    }

    /**
     * The node as plain data (maps, lists, strings, integers, doubles, booleans, null), recording where each key path
     * ({@code anchors[0]}, {@code examples.positive}) stands.
     */
    private static Object plain(Node node, String path, Map<String, Node> positions) {
        if (!path.isEmpty()) {
            positions.put(path, node);
        }
        if (node instanceof MappingNode m) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode());
                String child = path.isEmpty() ? key : path + "." + key;
                positions.put(child, t.getKeyNode());
                map.put(key, plain(t.getValueNode(), child, positions));
                positions.put(child, t.getValueNode());
            }
            return map;
        }
        if (node instanceof SequenceNode s) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < s.getValue().size(); i++) {
                list.add(plain(s.getValue().get(i), path + "[" + i + "]", positions));
            }
            return list;
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String v = scalar.getValue();
        try {
            if (Tag.INT.equals(tag)) {
                return Integer.valueOf(v);
            }
            if (Tag.FLOAT.equals(tag)) {
                return Double.valueOf(v);
            }
        } catch (NumberFormatException e) {
            return v;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(v);
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        return v;
    }
}
