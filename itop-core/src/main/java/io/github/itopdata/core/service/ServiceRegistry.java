package io.github.itopdata.core.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The services known to the front-ends, found by name or by one of their iTop aliases.
 *
 * <p>{@link #discover()} finds every service registered with {@link ServiceLoader} under
 * {@code META-INF/services/io.github.itopdata.core.service.ItopService}, so an engine makes its
 * service reachable from the CLI and HTTP by listing it there.
 */
public final class ServiceRegistry {

    private final Map<String, ItopService> byName = new LinkedHashMap<>();
    private final Map<String, ItopService> byAlias = new LinkedHashMap<>();

    /** Creates a registry of the given services. */
    public ServiceRegistry(List<? extends ItopService> services) {
        for (ItopService service : services) {
            register(service);
        }
    }

    /** Creates a registry of the services found on the class path. */
    public static ServiceRegistry discover() {
        List<ItopService> services = new ArrayList<>();
        ServiceLoader.load(ItopService.class).forEach(services::add);
        return new ServiceRegistry(services);
    }

    private void register(ItopService service) {
        if (byName.putIfAbsent(service.name(), service) != null) {
            throw new IllegalArgumentException("Two services are named '" + service.name() + "'");
        }
        for (String alias : service.aliases()) {
            byAlias.put(normalizeAlias(alias), service);
        }
    }

    /**
     * Finds a service by its name, or by an iTop page name or path: {@code import},
     * {@code import.php}, {@code webservices/import.php} and
     * {@code /var/www/itop/webservices/import.php} all find the import service.
     */
    public Optional<ItopService> find(String nameOrAlias) {
        ItopService service = byName.get(nameOrAlias);
        if (service != null) {
            return Optional.of(service);
        }
        String alias = normalizeAlias(nameOrAlias);
        while (true) {
            service = byAlias.get(alias);
            if (service != null) {
                return Optional.of(service);
            }
            int slash = alias.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            alias = alias.substring(slash + 1);
        }
    }

    /** Returns the services in registration order. */
    public List<ItopService> services() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    private static String normalizeAlias(String alias) {
        String normalized = alias.replace('\\', '/').toLowerCase(Locale.ROOT);
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        return normalized;
    }
}
