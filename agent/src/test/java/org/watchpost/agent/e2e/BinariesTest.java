package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinariesTest {
    @Test
    void missingProgramFailsNamingItAndItsDebianPackage() {
        assertThatThrownBy(() -> Binaries.require("mariadbd-that-is-not-installed", "mariadb-server"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'mariadbd-that-is-not-installed'")
                .hasMessageContaining("apt-get install mariadb-server");
    }

    @Test
    void programOnPathIsFound() {
        assertThat(Binaries.require("sh", "dash")).isExecutable();
    }
}
