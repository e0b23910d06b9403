package io.github.itopdata.cli;

import io.github.itopdata.core.service.ItopService;
import io.github.itopdata.core.service.ServiceRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The commands of the launcher, found by name or alias.
 *
 * <p>{@link #discover()} registers every {@link Command} listed in
 * {@code META-INF/services/io.github.itopdata.cli.Command} on the class path, then a placeholder
 * for each of the five iTop services that no command provides yet, so that their names and
 * aliases are always recognised.
 */
public final class CommandRegistry {

    /** The iTop services, their page names, and a summary for the placeholders of missing ones. */
    private static final List<UnavailableCommand> SERVICES = List.of(
            new UnavailableCommand("import", List.of("import.php"),
                    "Import CSV data into a class, creating or updating objects"),
            new UnavailableCommand("export", List.of("export-v2.php", "export.php"),
                    "Export the result of an OQL query as CSV, HTML, XML, spreadsheet or XLSX"),
            new UnavailableCommand("synchro_import", List.of("synchro_import.php"),
                    "Load CSV data into the replica table of a synchro data source"),
            new UnavailableCommand("synchro_exec", List.of("synchro_exec.php"),
                    "Synchronize one or more synchro data sources"),
            new UnavailableCommand("cron", List.of("cron.php"),
                    "Run the background processes and the queue of asynchronous tasks"));

    private final Map<String, Command> byName = new LinkedHashMap<>();
    private final Map<String, Command> byAlias = new LinkedHashMap<>();

    /**
     * Returns a registry with the services and commands found on the class path, and
     * placeholders for the missing services.
     */
    public static CommandRegistry discover() {
        CommandRegistry registry = new CommandRegistry();
        for (ItopService service : ServiceRegistry.discover().services()) {
            registry.register(new ServiceCommand(service, summaryOf(service.name())));
        }
        for (Command command : ServiceLoader.load(Command.class)) {
            registry.register(command);
        }
        registry.addMissingServices();
        return registry;
    }

    private static String summaryOf(String serviceName) {
        for (UnavailableCommand service : SERVICES) {
            if (service.name().equals(serviceName)) {
                return service.summaryText();
            }
        }
        if (serviceName.equals("export-v1")) {
            return "Export the result of an OQL query the way iTop's legacy export.php does";
        }
        return "The " + serviceName + " service";
    }

    /**
     * Adds a command.
     *
     * @throws IllegalStateException when its name or one of its aliases is already taken, naming both commands
     */
    public CommandRegistry register(Command command) {
        claim(command.name(), command);
        for (String alias : command.aliases()) {
            claim(alias, command);
        }
        byName.put(command.name(), command);
        for (String alias : command.aliases()) {
            byAlias.put(normalizeAlias(alias), command);
        }
        return this;
    }

    private void claim(String word, Command command) {
        Command owner = find(word).orElse(null);
        if (owner != null) {
            throw new IllegalStateException("The command name '" + word + "' of " + command.getClass().getName()
                    + " is already taken by " + owner.getClass().getName() + " (command '" + owner.name() + "')");
        }
    }

    /** Registers a placeholder for each iTop service not provided, with the aliases no real command claims. */
    void addMissingServices() {
        for (UnavailableCommand service : SERVICES) {
            if (byName.containsKey(service.name())) {
                continue;
            }
            List<String> freeAliases = new ArrayList<>();
            for (String alias : service.aliases()) {
                if (find(alias).isEmpty()) {
                    freeAliases.add(alias);
                }
            }
            register(new UnavailableCommand(service.name(), freeAliases, service.summaryText()));
        }
    }

    /**
     * Finds the command for the word typed after {@code itop}: a name, or an alias compared
     * without case and with leading directories dropped one at a time, so that
     * {@code import.php}, {@code webservices/import.php} and
     * {@code /var/www/itop/webservices/import.php} all find the command whose alias is
     * {@code import.php} or {@code webservices/import.php}. The HTTP endpoint matches paths
     * the same way.
     */
    public Optional<Command> find(String word) {
        Command command = byName.get(word);
        if (command != null) {
            return Optional.of(command);
        }
        String alias = normalizeAlias(word);
        while (true) {
            command = byAlias.get(alias);
            if (command != null) {
                return Optional.of(command);
            }
            int slash = alias.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            alias = alias.substring(slash + 1);
        }
    }

    private static String normalizeAlias(String alias) {
        String normalized = alias.replace('\\', '/').toLowerCase(Locale.ROOT);
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        return normalized;
    }

    /** Returns the commands in registration order. */
    public Collection<Command> commands() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
