/**
 * Hints that outlived {@code hint.expiry.hours}: never replayed (the claim skips them), deleted by
 * a periodic sweep and counted in {@code hints_expired_total}; anti-entropy repairs those replicas.
 */
package com.logprocessor.hints.expiry;
