package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The PostgreSQL fixture itself, without the agent: slots really run out where {@link PostgresOverloadIT} says they
 * do, and the server stops cleanly even while connections are held. If this class fails, PostgresOverloadIT says
 * nothing about the agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresServerIT {
    private static final PostgresServer.Login APP = new PostgresServer.Login("app", "app-secret", "postgres");

    private PostgresServer db;

    @BeforeAll
    void start() {
        db = PostgresServer.start(3, 1);
        db.sql("CREATE ROLE app LOGIN PASSWORD '" + APP.password() + "'");
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.stop();
        }
    }

    @Test
    @Order(1)
    void serverRunsAsThePostgresUserWhenTheTestsRunAsRoot() {
        Optional<String> owner = ProcessHandle.of(db.pid()).flatMap(p -> p.info().user());
        String expected = "root".equals(System.getProperty("user.name")) ? "postgres" : System.getProperty("user.name");
        assertThat(owner).as("OS user of the postmaster, pid %d", db.pid()).hasValue(expected);
        assertThat(db.sql("SHOW listen_addresses").strip()).isEqualTo("127.0.0.1");
    }

    @Test
    @Order(2)
    void passwordIsRequiredOverTcp() {
        PostgresServer.SqlResult r = db.trySqlAs(new PostgresServer.Login("app", "wrong", "postgres"), "SELECT 1");

        assertThat(r.exitCode()).as("psql with a wrong password; stderr: %s", r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).contains("password authentication failed for user \"app\"");
    }

    @Test
    @Order(3)
    void ordinaryRolesAreRefusedWhenOnlyTheReservedSlotIsLeftWhileTheSuperuserStillGetsIn() {
        db.hold(APP);
        db.hold(APP);

        PostgresServer.SqlResult refused = db.trySqlAs(APP, "SELECT 1");
        assertThat(refused.exitCode()).as("stderr: %s", refused.stderr()).isEqualTo(2);
        assertThat(refused.stderr()).contains("FATAL:", "remaining connection slots are reserved");
        assertThat(db.sql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'app'").strip()).isEqualTo("2");
    }

    @Test
    @Order(4)
    void holdingFailsWithPostgresqlsOwnWordsWhenNoSlotIsLeft() {
        db.hold(db.superuser());

        assertThatThrownBy(() -> db.hold(db.superuser()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sorry, too many clients already");
    }

    @Test
    @Order(5)
    void stopShutsDownCleanlyWhileConnectionsAreHeldAndLeavesNothingBehind() {
        long pid = db.pid();

        assertThat(db.stop()).as("postmaster exit code (0 after a fast shutdown)").isZero();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the postmaster, pid %d", pid).isEmpty();
        assertThat(Files.exists(db.socketDir())).as("%s after stop()", db.socketDir()).isFalse();
    }

    @Test
    void impossibleLimitsAreRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> PostgresServer.start(5, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("superuserReservedConnections must be from 0 to maxConnections - 1 (4), was 5");
    }
}
