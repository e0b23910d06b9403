package io.github.itopdata.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RightsCheckerTest {

    private static final User ADMIN = new User(1, "admin", Set.of(Profile.ADMINISTRATOR));
    private static final User MANAGER = new User(2, "manager", Set.of(Profile.CONFIGURATION_MANAGER));
    private static final User READER = new User(3, "reader", Set.of(Profile.READER));
    private static final User NOBODY = new User(4, "nobody", Set.of());

    @Test
    void administratorMayDoEverything() {
        for (ServiceRight right : ServiceRight.values()) {
            assertThat(RightsChecker.allows(ADMIN, right)).as(right.name()).isTrue();
        }
        assertThat(RightsChecker.canBulkModify(ADMIN, "SynchroDataSource")).isTrue();
    }

    @Test
    void configurationManagerMayImportExportAndSynchronize() {
        assertThat(RightsChecker.allows(MANAGER, ServiceRight.IMPORT)).isTrue();
        assertThat(RightsChecker.allows(MANAGER, ServiceRight.EXPORT)).isTrue();
        assertThat(RightsChecker.allows(MANAGER, ServiceRight.SYNCHRO_LOAD)).isTrue();
        assertThat(RightsChecker.allows(MANAGER, ServiceRight.SYNCHRO_RUN)).isTrue();
        assertThat(RightsChecker.allows(MANAGER, ServiceRight.CRON)).isFalse();
        assertThat(RightsChecker.allows(MANAGER, ServiceRight.READ_ARCHIVES)).isFalse();
        assertThat(RightsChecker.allows(MANAGER, ServiceRight.ADMINISTER)).isFalse();
    }

    @Test
    void configurationManagerMayNotTouchAdministrationClasses() {
        assertThat(RightsChecker.canBulkModify(MANAGER, "Server")).isTrue();
        assertThat(RightsChecker.canBulkModify(MANAGER, "UserLocal")).isFalse();
        assertThat(RightsChecker.canBulkRead(MANAGER, "URP_Profiles")).isFalse();
        assertThat(RightsChecker.canBulkModify(MANAGER, "SynchroDataSource")).isFalse();
    }

    @Test
    void readerMayOnlyExport() {
        assertThat(RightsChecker.canBulkRead(READER, "Person")).isTrue();
        assertThat(RightsChecker.canBulkModify(READER, "Person")).isFalse();
        assertThat(RightsChecker.allows(READER, ServiceRight.SYNCHRO_LOAD)).isFalse();
        assertThat(RightsChecker.allows(READER, ServiceRight.CRON)).isFalse();
    }

    @Test
    void userWithoutProfileMayDoNothing() {
        for (ServiceRight right : ServiceRight.values()) {
            assertThat(RightsChecker.allows(NOBODY, right)).as(right.name()).isFalse();
        }
    }
}
