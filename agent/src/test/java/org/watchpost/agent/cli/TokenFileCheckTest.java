package org.watchpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileCheckTest {
    @TempDir
    Path dir;

    @Test
    void aTokenFileOthersCanReadIsNamedWithTheFix() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "s3cr3t\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(TokenFileCheck.warning(token)).get().asString()
                .contains(token.toAbsolutePath().toString()).contains("every user").contains("chmod 600");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(TokenFileCheck.warning(token)).get().asString().contains("its group");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        assertThat(TokenFileCheck.warning(token)).isEmpty();
    }
}
