package org.watchpost.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentTokensTest {
    final AgentTokens tokens = new AgentTokens(List.of(
            new AgentCredential("eu-1", List.of(AgentTokens.sha256Hex("old"), AgentTokens.sha256Hex("new"))),
            new AgentCredential("us-1", List.of(AgentTokens.sha256Hex("us")))));

    @Test
    void eachTokenNamesItsAgentAndBothTokensOfARotationWork() {
        assertThat(tokens.authenticate("Bearer old")).contains("eu-1");
        assertThat(tokens.authenticate("Bearer new")).contains("eu-1");
        assertThat(tokens.authenticate("bearer us")).contains("us-1");
    }

    @Test
    void anythingElseIsNobody() {
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate("Basic b2xkOg==")).isEmpty();
        assertThat(tokens.authenticate("Bearer ")).isEmpty();
        assertThat(tokens.authenticate("Bearer olds")).isEmpty();
        assertThat(tokens.authenticate("Bearer " + "x".repeat(10_000))).isEmpty();
    }

    @Test
    void newTokensAreRandomAndTheirHashIsSha256() {
        Set<String> seen = new HashSet<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 100; i++) {
            String t = AgentTokens.newToken(random);
            assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]+");
            seen.add(t);
        }
        assertThat(seen).hasSize(100);
        // echo -n abc | sha256sum
        assertThat(AgentTokens.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
