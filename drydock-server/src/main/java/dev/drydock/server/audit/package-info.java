/**
 * The audit trail: one row per API call (who, what, from where, with which parameters — secrets
 * masked — and what was answered), written in the background and queried by
 * {@code drydock audit}.
 */
@NullMarked
package dev.drydock.server.audit;

import org.jspecify.annotations.NullMarked;
