/**
 * Credentials on every service (issue #12): public API keys with a role, the internal token between
 * services, 401/403 as problem+json. Auto-configured by
 * {@link com.logprocessor.support.security.SecurityConfiguration}; a service adds its public
 * endpoints' rules as an {@link com.logprocessor.support.security.EndpointAccess} bean, and its
 * clients of other services send the {@link com.logprocessor.support.security.InternalToken}.
 */
package com.logprocessor.support.security;
