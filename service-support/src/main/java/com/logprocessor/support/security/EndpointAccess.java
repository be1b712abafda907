package com.logprocessor.support.security;

import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own access rules, declared as a bean next to its controllers: which of its endpoints
 * are open (a health probe), and which role each public one needs (e.g.
 * {@code rules.requestMatchers(POST, "/api/logs").hasRole("INGEST")}). Whatever a service does not
 * name needs the internal token, so a new endpoint is internal until someone says otherwise.
 */
@FunctionalInterface
public interface EndpointAccess {

    void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

    /**
     * Paths of HTML forms a browser posts with its remembered Basic credentials (the {@code /ring}
     * page's Forget): they need a CSRF token, so another site cannot make the browser post them.
     */
    default List<String> browserForms() {
        return List.of();
    }
}
