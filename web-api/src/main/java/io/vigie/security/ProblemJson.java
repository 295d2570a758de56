package io.vigie.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem (application/problem+json) for what Spring MVC's own problems do not cover: refusals
 * made in the security filter chain, errors the servlet container dispatches to {@code /error}, and requests Tomcat
 * refuses before any application code runs. Never a stack trace, never the token.
 */
final class ProblemJson {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemJson() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(response, status.value(), detail, request.getRequestURI());
    }

    static void write(HttpServletResponse response, int status, String detail, String instance) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(problem(status, detail, instance));
    }

    /**
     * What an error made by the container may tell the client: its reason for a refusal (4xx), and for a failure
     * (5xx) nothing beyond that it failed, the cause being in the log.
     */
    static String containerDetail(int status, String message) {
        if (status >= 500) {
            return "the request failed";
        }
        return message == null || message.isBlank() ? "the request was refused" : message;
    }

    /** The problem document itself; {@code instance} is left out when null. */
    static byte[] problem(int status, String detail, String instance) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return JSON.writeValueAsBytes(problem);
    }
}
