package io.github.itopdata.http;

import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.ServiceRight;
import io.github.itopdata.core.auth.ThrottlePolicy;
import io.github.itopdata.core.auth.Users;
import io.github.itopdata.core.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Set;

/** Starts a server on a free loopback port with the test services. */
final class TestServer implements AutoCloseable {

    static final String RETURN_PATH = "/test/return.php";
    static final String PROMPT_PATH = "/test/prompt.php";
    static final String ADMIN_PATH = "/test/admin.php";

    final EchoService returnService = new EchoService(RETURN_PATH, LoginFailureStyle.RETURN_LINE, ServiceRight.IMPORT);
    final EchoService promptService = new EchoService(PROMPT_PATH, LoginFailureStyle.PROMPT, ServiceRight.EXPORT);
    final EchoService adminService = new EchoService(ADMIN_PATH, LoginFailureStyle.PROMPT, ServiceRight.CRON);
    final BlockingService blockingService = new BlockingService();
    final ItopHttpServer server;
    final TestRequests requests;

    final StreamingService streamingService = new StreamingService();
    final List<Duration> loginDelays = new CopyOnWriteArrayList<>();

    TestServer(Database database, HttpSettings settings) throws Exception {
        // Throttled attempts are recorded instead of slowed down, so that tests need no sleeping.
        Authenticator authenticator = new Authenticator(database.jdbi(), ThrottlePolicy.DEFAULT, loginDelays::add);
        this.server = new ItopHttpServer(settings, database, authenticator,
                List.of(returnService, promptService, adminService, blockingService, streamingService));
        server.start();
        this.requests = new TestRequests(server.baseUri());
    }

    /** Creates the users the tests log in as; call once per database. */
    static void createUsers(Database database) {
        Users users = new Users(database);
        users.create("admin", "admin-pw", Set.of(Profile.ADMINISTRATOR));
        users.create("alice", "pa:ss", Set.of(Profile.CONFIGURATION_MANAGER));
        users.create("reader", "reader-pw", Set.of(Profile.READER));
    }

    static HttpSettings settings(Path spool) {
        return HttpSettings.defaults().withPort(0).withSpoolDirectory(spool);
    }

    @Override
    public void close() throws Exception {
        blockingService.release.countDown();
        server.stop();
    }
}
