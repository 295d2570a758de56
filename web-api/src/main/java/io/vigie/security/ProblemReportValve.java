package io.vigie.security;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Context;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report for what it refuses before any application code runs (a request line or headers over the
 * size limit, an encoded {@code /} in the path, a malformed request): an RFC 9457 problem, where Tomcat writes an
 * HTML page. Like Tomcat's own report it writes only when nothing has been written and the error is not yet
 * reported, and says only the status and Tomcat's reason, never a stack trace or the server's version.
 */
public final class ProblemReportValve extends ErrorReportValve {

    /**
     * Makes this valve the error report of the host that holds {@code context}, in place of the one Spring Boot adds
     * (Tomcat's HTML page, without server information). The host adds its report valve, of the class it is told,
     * when it starts; a context customizer runs after Spring Boot's, which has added its own valve by then.
     */
    public static void replaceErrorReport(Context context) {
        StandardHost host = (StandardHost) context.getParent();
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.setErrorReportValveClass(ProblemReportValve.class.getName());
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return; // the connection is gone: nobody would read it
        }
        byte[] problem = ProblemJson.problem(status, ProblemJson.containerDetail(status, response.getMessage()), null);
        try {
            response.setContentType(ProblemJson.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(problem, StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the response was committed meanwhile: nothing more to say to it
        }
    }
}
