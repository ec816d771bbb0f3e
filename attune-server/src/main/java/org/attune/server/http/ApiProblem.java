package org.attune.server.http;

/**
 * An error answered with a status and the usual error body. Thrown by handlers and the
 * access check; turned into JSON by {@link ApiServer}.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;

    public ApiProblem(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
