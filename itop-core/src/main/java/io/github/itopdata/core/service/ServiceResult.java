package io.github.itopdata.core.service;

import java.util.OptionalLong;

/**
 * How a service run ended.
 *
 * @param exitCode the CLI exit code, which HTTP also sends as the header {@code X-Itop-Exit-Code}
 * @param errorCount the number of rows or objects in error, where the service counts them;
 *     HTTP sends it as {@code X-Itop-Error-Count}
 */
public record ServiceResult(int exitCode, OptionalLong errorCount) {

    public static ServiceResult of(int exitCode) {
        return new ServiceResult(exitCode, OptionalLong.empty());
    }

    public static ServiceResult of(int exitCode, long errorCount) {
        return new ServiceResult(exitCode, OptionalLong.of(errorCount));
    }

    /** True when the run went to the end without a failure of the run itself. */
    public boolean isSuccess() {
        return exitCode == ExitCodes.OK || exitCode == ExitCodes.ROW_ISSUES;
    }
}
