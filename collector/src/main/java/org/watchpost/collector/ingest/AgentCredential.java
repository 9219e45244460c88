package org.watchpost.collector.ingest;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An agent the collector accepts, and the SHA-256 of each token that authenticates it: one normally, two while its
 * token is being rotated (old and new both valid until the agent has the new one).
 */
public record AgentCredential(String id, List<String> tokenSha256) {
    public static final int MAX_TOKENS = 2;

    public AgentCredential {
        Objects.requireNonNull(id, "id");
        tokenSha256 = List.copyOf(tokenSha256);
        if (tokenSha256.isEmpty() || tokenSha256.size() > MAX_TOKENS) {
            throw new IllegalArgumentException("agent " + id + " needs 1 or " + MAX_TOKENS + " token hashes, has "
                    + tokenSha256.size());
        }
        for (String h : tokenSha256) {
            if (!h.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("token_sha256 of agent " + id
                        + " must be 64 lowercase hex digits");
            }
        }
    }

    List<byte[]> hashes() {
        return tokenSha256.stream().map(HexFormat.of()::parseHex).toList();
    }
}
