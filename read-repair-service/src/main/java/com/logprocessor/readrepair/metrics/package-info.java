/** The service's meters ({@code read_repairs_*}, {@code read_repair_*}) and their running totals. */
package com.logprocessor.readrepair.metrics;
