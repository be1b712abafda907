package com.logprocessor.support.security;

import com.logprocessor.core.access.ApiKey;
import com.logprocessor.core.access.ApiKeys;
import com.logprocessor.core.access.Role;
import java.util.Collection;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Checks a presented {@link Credential}: the internal token against the configured one, an API key
 * by its hash. The result carries every role the credential grants ({@link Role#grants()}), as
 * {@code ROLE_<NAME>} authorities, and the key's name as principal (for logs and problems).
 */
final class CredentialCheck implements AuthenticationProvider {

    private final InternalToken internalToken;
    private final ApiKeys apiKeys;

    CredentialCheck(InternalToken internalToken, ApiKeys apiKeys) {
        this.internalToken = internalToken;
        this.apiKeys = apiKeys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Credential credential = (Credential) authentication;
        if (credential.kind() == Credential.Kind.INTERNAL_TOKEN) {
            if (!internalToken.matches(credential.value())) {
                throw new BadCredentialsException("the " + InternalToken.HEADER + " is not this cluster's internal token");
            }
            return authenticated("internal", Role.INTERNAL);
        }
        ApiKey key = apiKeys.find(credential.value())
                .orElseThrow(() -> new BadCredentialsException("the API key is not valid"));
        return authenticated(key.name(), key.role());
    }

    private static Authentication authenticated(String name, Role role) {
        return new PreAuthenticatedAuthenticationToken(new Caller(name, role), null, authorities(role));
    }

    static Collection<GrantedAuthority> authorities(Role role) {
        return role.grants().stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return Credential.class.isAssignableFrom(authentication);
    }

    /** Who called: a key's name and role, or {@code internal}. */
    public record Caller(String name, Role role) {
        @Override
        public String toString() {
            return name + " (" + role.label() + ")";
        }
    }
}
