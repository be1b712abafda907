/**
 * The gateway's line to the storage coordinator ({@code coordinator.*}):
 * {@link com.logprocessor.gateway.coordinator.CoordinatorClient} probes its readiness for the health
 * summary and forwards GETs with the internal token, handing back the coordinator's status, content
 * type and body as they are. A coordinator that does not answer in time is a 503 problem for the client.
 */
package com.logprocessor.gateway.coordinator;
