/** Queries over stored logs: one parser of query parameters for every hop (gateway, coordinator, node). */
package com.logprocessor.core.query;
