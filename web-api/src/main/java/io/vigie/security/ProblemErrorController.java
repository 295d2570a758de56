package io.vigie.security;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code /error}, where the servlet container sends the errors no controller answered (Spring Security's firewall
 * refusing {@code //} or {@code ;jsessionid=}, a method Tomcat does not allow, an error raised in a filter): an RFC
 * 9457 problem instead of Spring Boot's own JSON. A 5xx says no more than its status (the cause is in the log);
 * a 4xx carries the container's reason. Asked for directly, {@code /error} is no endpoint: 404.
 */
@Controller
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
            ProblemJson.write(request, response, HttpStatus.NOT_FOUND, "no such endpoint");
            return;
        }
        String message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String text ? text : null;
        ProblemJson.write(response, status, ProblemJson.containerDetail(status, message),
                (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    }
}
