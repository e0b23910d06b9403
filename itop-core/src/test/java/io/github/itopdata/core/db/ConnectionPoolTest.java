package io.github.itopdata.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.itopdata.core.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {

    private static void holdConnections(Database database, int count) throws SQLException {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                open.add(database.dataSource().getConnection());
            }
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
    }

    private static Database open() {
        return PostgresExtension.openFreshDatabase("connection_pool");
    }

    private static int maximumPoolSize(Database database) {
        return ((HikariDataSource) database.dataSource()).getMaximumPoolSize();
    }

    @Test
    void raisedPoolHoldsFifteenConnections() throws SQLException {
        try (Database database = open()) {
            assertThat(maximumPoolSize(database)).isEqualTo(10);

            int size = database.ensurePoolSize(15);

            assertThat(size).isEqualTo(15);
            holdConnections(database, 15);
        }
    }

    @Test
    void poolIsNeverLoweredNorRaisedPastMaximum() {
        try (Database database = open()) {
            assertThat(database.ensurePoolSize(2)).isEqualTo(10);
            assertThat(database.ensurePoolSize(1000)).isEqualTo(Database.MAX_POOL_SIZE);
        }
    }
}
