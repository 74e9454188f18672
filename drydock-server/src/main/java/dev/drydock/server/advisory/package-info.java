/**
 * The advisory database as the server uses it: where it is, how a change is noticed (its
 * fingerprint), re-matching every stored inventory after a change, and scheduled updates.
 */
@NullMarked
package dev.drydock.server.advisory;

import org.jspecify.annotations.NullMarked;
