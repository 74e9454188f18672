/**
 * Image scan tasks: creation (filters, the limit of unfinished tasks, the authorization quota),
 * one persisted job per image, and the workers that claim and run the jobs (docs/scan-tasks.md).
 */
@NullMarked
package dev.drydock.server.task;

import org.jspecify.annotations.NullMarked;
