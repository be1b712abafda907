package com.logprocessor.support.security;

import com.logprocessor.support.web.ProblemJson;
import com.logprocessor.support.web.ProblemTypes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One security filter chain for every service: credentials ({@link Credential}) checked by
 * {@link CredentialCheck}, open probes and API docs, metrics open to the internal networks, each
 * service's {@link EndpointAccess} rules, and the internal token for everything else. 401 and 403
 * are problem+json like every other error. Stateless: no session, no cookie except the CSRF one of
 * a browser form.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Open on every service: liveness and readiness probes, the OpenAPI docs, the error page. */
    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**", "/error"};

    /**
     * No Micrometer observation around each security filter: Spring Security wraps every filter
     * of the chain in one when an observation registry exists, per request; a profile of single-log
     * ingest showed the wrappers as a sixth of the gateway's samples. Requests are timed once,
     * by {@code http_server_requests}, as before.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    InternalToken internalToken(SecurityProperties properties) {
        String value = properties.internalToken();
        return value == null || value.isBlank() ? InternalToken.NONE : new InternalToken(value);
    }

    @Bean
    CredentialCheck credentialCheck(InternalToken internalToken, SecurityProperties properties) {
        return new CredentialCheck(internalToken, properties.keys());
    }

    /**
     * Calls between services skip the security filters. A request carrying this cluster's internal
     * token may do everything ({@link com.logprocessor.core.access.Role#INTERNAL} implies every
     * role), so all the chain below would do is find that out again, filter by filter: authenticate,
     * match each access rule in turn, write browser headers. Under quorum reads that was 11 % of
     * the request threads' CPU on a storage node and on the coordinator (3.5 % after: the firewall
     * and picking this chain). A wrong token does not match here and gets the chain's 401.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain internalCalls(InternalToken internalToken) {
        return new DefaultSecurityFilterChain(request -> internalToken.matches(request.getHeader(InternalToken.HEADER)));
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, CredentialCheck check,
                                            ObjectProvider<EndpointAccess> services) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable);
        if (!properties.enabled()) {
            log.warn("security.enabled=false: every endpoint of this service answers without credentials");
            return http.authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
        }
        List<EndpointAccess> access = services.orderedStream().toList();
        List<String> forms = access.stream().flatMap(a -> a.browserForms().stream()).toList();
        if (!forms.isEmpty()) {
            http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                    .requireCsrfProtectionMatcher(new OrRequestMatcher(forms.stream()
                            .<RequestMatcher>map(f -> PathPatternRequestMatcher.pathPattern(HttpMethod.POST, f)).toList())));
        }
        RequestMatcher metricsNetworks = new OrRequestMatcher(properties.metricsNetworks().stream()
                .<RequestMatcher>map(IpAddressMatcher::new).toList());

        AuthenticationFilter authentication = new AuthenticationFilter(new ProviderManager(check), new Credential.Converter());
        authentication.setSuccessHandler((request, response, auth) -> { }); // go on to the endpoint
        authentication.setFailureHandler(new AuthenticationEntryPointFailureHandler(SecurityConfiguration::unauthorized));

        return http.addFilterBefore(authentication, AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> {
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    rules.requestMatchers(OPEN).permitAll();
                    rules.requestMatchers(HttpMethod.GET, "/actuator/prometheus").access(AuthorizationManagers.anyOf(
                            (auth, context) -> new AuthorizationDecision(metricsNetworks.matches(context.getRequest())),
                            AuthorityAuthorizationManager.hasRole("READ")));
                    access.forEach(a -> a.rules(rules));
                    rules.anyRequest().hasRole("INTERNAL");
                })
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration::unauthorized)
                        .accessDeniedHandler(forbidden()))
                .build();
    }

    /** 401: no credential, or a wrong one. Names both ways to authenticate, Basic last (for browsers). */
    static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean presented = new Credential.Converter().convert(request) != null;
        response.addHeader("WWW-Authenticate", "ApiKey header=\"" + Credential.API_KEY_HEADER + "\"");
        response.addHeader("WWW-Authenticate", "Basic realm=\"log-storage\", charset=\"UTF-8\"");
        ProblemJson.send(response, ProblemTypes.UNAUTHORIZED, 401, "Unauthorized", presented
                        ? e.getMessage() + "; send a valid key in " + Credential.API_KEY_HEADER
                        : "this endpoint needs a credential: an API key in " + Credential.API_KEY_HEADER
                        + " (or Authorization: Bearer), or the internal token in " + InternalToken.HEADER,
                request.getRequestURI());
    }

    /** 403: a valid credential whose role does not reach this endpoint. */
    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> {
            Authentication who = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            Object caller = who == null ? "this credential" : who.getPrincipal();
            String detail = e instanceof org.springframework.security.web.csrf.CsrfException
                    ? "the form's CSRF token is missing or stale: reload the page and submit again"
                    : caller + " may not call " + request.getMethod() + " " + request.getRequestURI();
            ProblemJson.send(response, ProblemTypes.FORBIDDEN, 403, "Forbidden", detail, request.getRequestURI());
        };
    }
}
