/**
 * Hinted handoff, the coordinator's half: copies a replica missed of entries that met their
 * consistency level go to {@code logs.hints}, for the hint manager to store and replay.
 */
package com.logprocessor.coordinator.hints;
