/**
 * Who may call what: the {@link com.logprocessor.core.access.Role}s of the public API, API keys
 * ({@link com.logprocessor.core.access.ApiKey}), which are stored and configured only as hashes,
 * and the cluster's internal token. Plain Java, shared by the services (which check credentials)
 * and the local cluster (which generates them).
 */
package com.logprocessor.core.access;
