/**
 * The API gateway, the cluster's public REST front door: it validates logs and publishes them to
 * {@code logs.ingest} ({@code ingest}), sheds load beyond what it can take at once ({@code admission}),
 * waits for the coordinator's reply on synchronous writes ({@code write}), relays queries and quorum
 * reads to the storage coordinator ({@code query}, {@code coordinator}), and reports the readiness of
 * everything behind it ({@code health}). Ingest keys write, read keys read (admin keys both), and
 * {@code GET /api/health} is open. Entry point: {@link com.logprocessor.gateway.ApiGatewayApplication}.
 */
package com.logprocessor.gateway;
