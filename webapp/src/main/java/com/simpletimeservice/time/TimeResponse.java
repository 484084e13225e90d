package com.simpletimeservice.time;

import java.time.Instant;

/**
 * The body of {@code GET /}. Jackson writes record components in declaration order, so the JSON is
 * always {@code {"timestamp":"...","ip":"..."}}.
 *
 * @param timestamp when the request was answered, ISO-8601 in UTC
 * @param ip the visitor's address as a plain literal (no port, no brackets)
 */
public record TimeResponse(Instant timestamp, String ip) {
}
