/** Synchronous writes ({@code POST /api/write}): the ingest path with a wait for the coordinator's reply. */
package com.logprocessor.gateway.write;
