package io.github.itopdata.http;

import io.github.itopdata.core.auth.User;
import java.util.Objects;

/**
 * One authenticated call of a service over HTTP.
 *
 * @param user the authenticated user
 * @param parameters the request's parameters, without {@code param_file} and without the
 *     credentials ({@code auth_user}, {@code auth_pwd}, {@code auth_token})
 * @param clientAddress the client's IP address, for logs
 * @param response where the service writes its status, headers and body
 */
public record ServiceCall(User user, RequestParameters parameters, String clientAddress, ServiceResponse response) {

    public ServiceCall {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(response, "response");
    }
}
