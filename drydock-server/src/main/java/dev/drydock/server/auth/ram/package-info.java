/**
 * RAM policies and their evaluation, with no framework and no database: a policy document is
 * parsed into {@link dev.drydock.server.auth.ram.Policy} records ({@link
 * dev.drydock.server.auth.ram.PolicyParser}, which rejects malformed documents with a message
 * naming the exact problem), and {@link dev.drydock.server.auth.ram.PolicyEvaluator} decides one
 * request against a user's policies. The grammar and semantics are those of Alibaba Cloud RAM
 * (reference §3; docs/ram.md lists the subset implemented).
 */
@NullMarked
package dev.drydock.server.auth.ram;

import org.jspecify.annotations.NullMarked;
