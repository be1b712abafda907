package com.logprocessor.support.web;

import com.logprocessor.core.text.Texts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A problem+json body written by hand, for the places that answer before (or without) Spring MVC
 * and its JSON mapper: Tomcat's own rejections and the request size filter. Text that may come
 * from the request is made {@link #printable} first, so no raw control character is ever echoed.
 */
public final class ProblemJson {

    /** Longest text echoed in a problem; the rest is cut (a path or header can be kilobytes). */
    public static final int MAX_TEXT = 300;

    private ProblemJson() {
    }

    /** {@code {"type":"about:blank","title","status","detail","instance"?}}, ASCII only. */
    public static String render(int status, String title, String detail, String instance) {
        return render(null, status, title, detail, instance);
    }

    /** As {@link #render(int, String, String, String)} with a problem {@code type} ({@link ProblemTypes}); null is about:blank. */
    public static String render(URI type, int status, String title, String detail, String instance) {
        StringBuilder json = new StringBuilder(160).append("{\"type\":");
        string(json, type == null ? "about:blank" : type.toString());
        json.append(",\"title\":");
        string(json, title == null ? title(status) : title);
        json.append(",\"status\":").append(status).append(",\"detail\":");
        string(json, detail);
        if (instance != null && !instance.isEmpty()) {
            json.append(",\"instance\":");
            string(json, instance);
        }
        return json.append('}').toString();
    }

    /**
     * Answers a request with this problem from a servlet filter, before Spring MVC: the status, the
     * content type and the body of {@link #render(URI, int, String, String, String)}.
     */
    public static void send(HttpServletResponse response, URI type, int status, String title, String detail,
            String instance) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(render(type, status, title, detail, instance)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The status's reason phrase (e.g. "Request Header Fields Too Large"), as Spring titles it. */
    public static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /**
     * What went wrong when nothing more specific is known, by status: never an exception's text,
     * which may hold internals or whatever the client sent.
     */
    public static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "the request is not valid HTTP, or its path is not allowed (e.g. an encoded '/' or NUL)";
            case 404 -> "there is nothing at this path";
            case 405 -> "this path does not take this method";
            case 408 -> "the request did not arrive in time";
            case 413 -> "the request is too large";
            case 414 -> "the request's path and query are too long";
            case 431 -> "the request's headers are too large";
            // Tomcat's answers to what it does not do (CONNECT, an unknown transfer coding, HTTP/2.5).
            case 501 -> "the server does not implement what the request asks for (its method or transfer coding)";
            case 505 -> "the request's HTTP version is not supported; send HTTP/1.1";
            default -> status >= 500
                    ? "the service could not answer this request; the cause is in its log"
                    : "the request was refused: " + title(status);
        };
    }

    /**
     * The text with every control character (C0, DEL, C1) replaced by {@code ?} and cut to
     * {@link #MAX_TEXT} characters; null stays null.
     */
    public static String printable(String text) {
        return text == null ? null : withoutControls(Texts.abbreviate(text, MAX_TEXT + 3));
    }

    /** The text with every control character (C0, DEL, C1) replaced by {@code ?}, at full length. */
    public static String withoutControls(String text) {
        if (text == null || text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    private static void string(StringBuilder json, String text) {
        String value = printable(text == null ? "" : text);
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                // Non-ASCII escaped too: the body is then the same bytes in any charset a client assumes.
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
