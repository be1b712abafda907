/** What this instance did since it started, for operators: {@code GET /api/read-repair/stats}. */
package com.logprocessor.readrepair.status;
