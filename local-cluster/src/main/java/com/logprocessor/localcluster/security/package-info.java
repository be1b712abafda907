/** The local cluster's generated credentials (API keys per role and the internal token) under {@code run/security}. */
package com.logprocessor.localcluster.security;
