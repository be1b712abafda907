/**
 * The hint manager (design: "Hinted handoff"): stores the writes a storage node missed, taken from
 * {@code logs.hints} ({@code intake}) into PostgreSQL ({@code store}), replays them when the node
 * is back ({@code replay}), drops the ones that waited too long ({@code expiry}), and reports on
 * them ({@code status}, {@code metrics}).
 */
package com.logprocessor.hints;
