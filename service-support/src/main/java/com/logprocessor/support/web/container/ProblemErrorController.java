package com.logprocessor.support.web.container;

import com.logprocessor.support.web.ProblemJson;
import com.logprocessor.support.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The error page ({@code /error}) as problem+json, in place of Spring Boot's JSON map or HTML
 * "Whitelabel" page: what a filter threw or refused with {@code sendError}, and anything a handler
 * let escape. A service's own exception gets the same answer as from a handler (the shared
 * {@link ProblemResponses}); any other failure is a 500 whose detail never repeats the
 * exception's text. The content type is set, not negotiated: a client that asked for HTML still
 * gets the problem.
 */
@Hidden
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    private final ErrorAttributes errorAttributes;
    private final ProblemResponses problems;

    public ProblemErrorController(ErrorAttributes errorAttributes, ProblemResponses problems) {
        this.errorAttributes = errorAttributes;
        this.problems = problems;
    }

    @RequestMapping
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Throwable failure = errorAttributes.getError(new ServletWebRequest(request));
        ResponseEntity<ProblemDetail> known = failure == null ? null : problems.known(failure);
        if (known == null) {
            known = fromStatus(request, failure);
        }
        ProblemDetail problem = known.getBody();
        if (problem != null && problem.getInstance() == null) {
            String path = ProblemJson.printable((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
            if (path != null && path.startsWith("/")) {
                problem.setInstance(instance(path));
            }
        }
        return ResponseEntity.status(known.getStatusCode()).headers(known.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> fromStatus(HttpServletRequest request, Throwable failure) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // No status: someone asked for the error page itself, which is not a resource.
        int status = code instanceof Integer given ? given : HttpStatus.NOT_FOUND.value();
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR.value();
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail = status < 500 && failure == null && message instanceof String text && !text.isBlank()
                ? ProblemJson.printable(text) : ProblemJson.defaultDetail(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setTitle(ProblemJson.title(status));
        return ResponseEntity.status(status).body(problem);
    }

    private static URI instance(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
