package org.watchpost.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Who a bearer token belongs to. The collector keeps only SHA-256 hashes of tokens; the presented token is hashed and
 * compared with every configured hash in constant time ({@link MessageDigest#isEqual}), all of them each time, so
 * neither the comparison nor the number of agents tells an attacker how close a guess was.
 */
public final class AgentTokens {
    /** Longer tokens are not tokens this collector made; refuse them before hashing megabytes. */
    public static final int MAX_TOKEN_CHARS = 512;

    private record Entry(String agent, byte[] hash) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> agents = new ArrayList<>();

    public AgentTokens(List<AgentCredential> credentials) {
        for (AgentCredential c : credentials) {
            agents.add(c.id());
            for (byte[] h : c.hashes()) {
                entries.add(new Entry(c.id(), h));
            }
        }
    }

    /** The configured agent ids, in config order. */
    public List<String> agents() {
        return List.copyOf(agents);
    }

    /** The agent whose token is in {@code authorization} ({@code Bearer TOKEN}), or empty. */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        String match = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(presented, e.hash) && match == null) {
                match = e.agent;
            }
        }
        return Optional.ofNullable(match);
    }

    /** A new random token: 32 bytes from {@link SecureRandom}, URL-safe base64 without padding. */
    public static String newToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The lowercase hex SHA-256 of a token's UTF-8 bytes: what {@code token_sha256} holds. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
