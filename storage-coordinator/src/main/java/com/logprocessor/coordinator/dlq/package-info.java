/**
 * The dead-letter topic {@code logs.dlq}: what can never be stored is parked there with its
 * reason, and an operator replays it through ingest once the cause is fixed.
 */
package com.logprocessor.coordinator.dlq;
