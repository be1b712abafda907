/**
 * Load shedding at the gateway: how much ingest is taken at once ({@code gateway.admission.*}),
 * and the 429 answer beyond it.
 */
package com.logprocessor.gateway.admission;
