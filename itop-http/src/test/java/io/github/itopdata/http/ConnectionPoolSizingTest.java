package io.github.itopdata.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionPoolSizingTest {

    @Test
    void serverRaisesPoolAboveRequestLimit() {
        try (Database database = PostgresExtension.openFreshDatabase("pool_sizing")) {
            HttpSettings settings = HttpSettings.defaults();

            new ItopHttpServer(settings, database, new Authenticator(database), List.of());

            int poolSize = ((HikariDataSource) database.dataSource()).getMaximumPoolSize();
            assertThat(poolSize).isGreaterThanOrEqualTo(2 * settings.maxConcurrentRequests());
        }
    }
}
