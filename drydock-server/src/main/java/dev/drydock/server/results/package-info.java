/**
 * Scan results stored once per image digest ({@code image_report}, {@code image_layer},
 * {@code image_vuln}, {@code image_finding}, {@code image_risk}) and what the result operations
 * read from them.
 */
@NullMarked
package dev.drydock.server.results;

import org.jspecify.annotations.NullMarked;
