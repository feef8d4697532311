package io.activitygateway.gateway.api;

import java.util.List;

/** Ends a request with a problem response; thrown by resources for the caller's mistakes. */
public class ApiProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.InvalidParam> invalidParams;

    ApiProblemException(int status, String slug, String title, String detail, List<Problem.InvalidParam> params) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.invalidParams = params;
    }

    public static ApiProblemException invalidParams(List<Problem.InvalidParam> params) {
        String detail = params.size() == 1
                ? "Parameter '" + params.get(0).name() + "' " + params.get(0).reason()
                : params.size() + " parameters are invalid: " + String.join(", ",
                        params.stream().map(Problem.InvalidParam::name).toList());
        return new ApiProblemException(400, "invalid-parameter", "Invalid request parameter", detail, params);
    }

    static ApiProblemException notFound(String detail) {
        return new ApiProblemException(404, "not-found", "Not found", detail, null);
    }

    /** The history a client asks for does not exist (any more): it must start again, as after Kubernetes' 410. */
    public static ApiProblemException gone(String detail) {
        return new ApiProblemException(410, "history-gone", "History gone", detail, null);
    }

    static ApiProblemException conflict(String detail) {
        return new ApiProblemException(409, "conflict", "Conflict", detail, null);
    }

    Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_PREFIX + slug, title, status, getMessage(), instance, invalidParams);
    }

    int status() {
        return status;
    }
}
