package io.github.itopdata.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.paramfile.Parameters;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceRegistryTest {

    private static ItopService service(String name, String... aliases) {
        return new ItopService() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> aliases() {
                return List.of(aliases);
            }

            @Override
            public String usage(FrontEnd frontEnd) {
                return "usage of " + name + "\n";
            }

            @Override
            public Set<String> parameterNames(FrontEnd frontEnd) {
                return Set.of();
            }

            @Override
            public ServiceResult run(ServiceContext context, Parameters parameters, ServiceOutput output) {
                return ServiceResult.of(ExitCodes.OK);
            }
        };
    }

    private final ItopService importService = service("import", "import.php", "webservices/import.php");
    private final ItopService exec = service("synchro_exec", "synchro_exec.php", "synchro/synchro_exec.php");
    private final ServiceRegistry registry = new ServiceRegistry(List.of(importService, exec));

    @Test
    void findsServiceByName() {
        assertThat(registry.find("import")).containsSame(importService);
    }

    @Test
    void findsServiceByPageNameAndPath() {
        assertThat(registry.find("import.php")).containsSame(importService);
        assertThat(registry.find("webservices/import.php")).containsSame(importService);
        assertThat(registry.find("/webservices/import.php")).containsSame(importService);
        assertThat(registry.find("synchro/synchro_exec.php")).containsSame(exec);
    }

    @Test
    void findsServiceByInstallationPath() {
        assertThat(registry.find("/var/www/itop/webservices/import.php")).containsSame(importService);
        assertThat(registry.find("/var/www/html/itop/synchro/synchro_exec.php")).containsSame(exec);
    }

    @Test
    void unknownNameFindsNothing() {
        assertThat(registry.find("rest.php")).isEmpty();
        assertThat(registry.find("")).isEmpty();
    }

    @Test
    void duplicateNamesAreRejected() {
        assertThatThrownBy(() -> new ServiceRegistry(List.of(importService, service("import"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'import'");
    }
}
