package com.logprocessor.support.web.container;

import com.logprocessor.support.web.ProblemJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as problem+json instead of its HTML page. Tomcat reports an error this
 * way when the application never saw the request (it rejected the path itself: an encoded
 * {@code /} or NUL, {@code ..} above the root) or its error page could not answer. The detail is
 * Tomcat's message made printable, or a plain description of the status; never a stack trace.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own report: errors only, once, and only when nothing was written yet.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String body = ProblemJson.render(status, null, detail(status, response.getMessage(), throwable),
                instance(request));
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client left, or the response was committed meanwhile: there is no one to tell.
        }
    }

    /**
     * Tomcat's reason for a 4xx (e.g. "Invalid URI: [The encoded slash character is not allowed]",
     * "Request header is too large"), else a plain description of the status: a 5xx's cause stays
     * in the log.
     */
    private static String detail(int status, String message, Throwable failure) {
        if (status < 500) {
            if (message != null && !message.isBlank()) {
                return message;
            }
            if (failure != null && failure.getMessage() != null && !failure.getMessage().isBlank()) {
                return failure.getMessage();
            }
        }
        return ProblemJson.defaultDetail(status);
    }

    /** The path as sent (still percent-encoded), when the request line got that far. */
    private static String instance(Request request) {
        String uri;
        try {
            uri = request.getRequestURI();
        } catch (RuntimeException e) {
            return null;
        }
        return uri != null && uri.startsWith("/") ? ProblemJson.printable(uri) : null;
    }
}
