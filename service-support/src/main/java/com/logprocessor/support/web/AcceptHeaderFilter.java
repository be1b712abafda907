package com.logprocessor.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Accept} header does not parse (e.g. {@code application/json;q=abc})
 * with a 400 problem, before anything else reads it. Spring negotiates every answer, the problem
 * for a bad Accept included, from that header: left to it, the answer was a 406 with no body at all.
 */
public class AcceptHeaderFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Enumeration<String> accepts = request.getHeaders(HttpHeaders.ACCEPT);
        while (accepts != null && accepts.hasMoreElements()) {
            String accept = accepts.nextElement();
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException e) {
                ProblemJson.send(response, ProblemTypes.INVALID_REQUEST, 400, "Bad Request",
                        "the Accept header is not a valid list of media types ('" + accept + "'): " + e.getMessage(),
                        request.getRequestURI());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
