package com.logprocessor.support.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A credential as a request presents it, not yet checked: the internal token ({@value InternalToken#HEADER})
 * or an API key, in {@value #API_KEY_HEADER}, as {@code Authorization: Bearer <key>}, or as the
 * password of {@code Authorization: Basic} (what a browser sends for the {@code /ring} page).
 */
final class Credential extends AbstractAuthenticationToken {

    static final String API_KEY_HEADER = "X-API-Key";

    enum Kind { INTERNAL_TOKEN, API_KEY }

    private final Kind kind;
    private final String value;

    private Credential(Kind kind, String value) {
        super(List.of());
        this.kind = kind;
        this.value = value;
    }

    Kind kind() {
        return kind;
    }

    String value() {
        return value;
    }

    @Override
    public Object getCredentials() {
        return value;
    }

    @Override
    public Object getPrincipal() {
        return kind == Kind.INTERNAL_TOKEN ? "internal" : "api-key";
    }

    /** Finds the credential of a request; null when it has none (then only open endpoints answer). */
    static final class Converter implements AuthenticationConverter {

        @Override
        public Authentication convert(HttpServletRequest request) {
            String token = request.getHeader(InternalToken.HEADER);
            if (token != null) {
                return new Credential(Kind.INTERNAL_TOKEN, token.trim());
            }
            String key = request.getHeader(API_KEY_HEADER);
            if (key != null) {
                return new Credential(Kind.API_KEY, key.trim());
            }
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null) {
                return null;
            }
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Credential(Kind.API_KEY, authorization.substring(7).trim());
            }
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return new Credential(Kind.API_KEY, basicPassword(authorization.substring(6).trim()));
            }
            return new Credential(Kind.API_KEY, ""); // another scheme: refused as a wrong key, not ignored
        }

        private static String basicPassword(String encoded) {
            try {
                String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? "" : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }
}
