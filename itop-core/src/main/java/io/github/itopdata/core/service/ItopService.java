package io.github.itopdata.core.service;

import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * One of the product's services (import, export, synchro_import, synchro_exec, cron) as the
 * front-ends see it.
 *
 * <p>A front-end finds the service by name or alias, merges the parameters of the call
 * (parameters files and arguments on the CLI, query string and body on HTTP), authenticates the
 * caller, and then calls {@link #run}. The service checks rights, binds the parameters to its
 * typed request, runs its engine and writes the output. Everything that both front-ends need
 * to check lives in the service, so that the same call gives the same bytes from either.
 */
public interface ItopService {

    /** The launcher's name of the service, such as {@code import}. */
    String name();

    /**
     * The iTop page names and paths accepted in place of the name, such as {@code import.php}
     * and {@code webservices/import.php}.
     */
    List<String> aliases();

    /**
     * Returns the paths at which the HTTP endpoint serves the service: by default each alias
     * that contains a directory, such as {@code /webservices/import.php}.
     */
    default List<String> httpPaths() {
        return aliases().stream().filter(alias -> alias.contains("/")).map(alias -> "/" + alias).toList();
    }

    /** The usage text printed by {@code --help} and after argument errors, ending with a newline. */
    String usage(FrontEnd frontEnd);

    /** The names of the parameters the service reads; others get an "unknown argument" warning. */
    Set<String> parameterNames(FrontEnd frontEnd);

    /**
     * Returns the prefixes of parameter families the service reads, such as {@code arg_} for the
     * values of query parameters. A name with one of these prefixes gets no warning.
     */
    default Set<String> parameterPrefixes(FrontEnd frontEnd) {
        return Set.of();
    }

    /**
     * Returns the line printed when the credentials are wrong, such as
     * {@code Access restricted or wrong credentials ('alice')}.
     */
    default String wrongCredentialsMessage(String login) {
        return "Access restricted or wrong credentials ('" + login + "')";
    }

    /**
     * Returns the line printed on the CLI when {@code auth_user} or {@code auth_pwd} is missing,
     * before the usage text.
     */
    default String missingCredentialMessage(String parameterName) {
        return "ERROR: Missing argument '" + parameterName + "'";
    }

    /**
     * Runs the service for an authenticated user.
     *
     * @throws IOException when writing the output fails
     */
    ServiceResult run(ServiceContext context, Parameters parameters, ServiceOutput output) throws IOException;
}
