/** Storage nodes named by URL or ring member id, and the reading of their segment digests. */
package com.logprocessor.merkle.node;
