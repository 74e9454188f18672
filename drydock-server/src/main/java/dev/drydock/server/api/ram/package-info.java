/**
 * RAM's own API (version 2015-05-01) on the same endpoint: users, their AccessKeys, policies and
 * attachments, one class per operation, with RAM's field names and error codes. Each is itself
 * authorised as {@code ram:<Action>} on the user or policy it names.
 */
@NullMarked
package dev.drydock.server.api.ram;

import org.jspecify.annotations.NullMarked;
