package dev.drydock.server.inventory;

/** How a request to sync a registry now ended. */
public sealed interface SyncOutcome {

  /** The sync ran to the end; the inventory is current. */
  record Synced(long registryId, SyncResult result) implements SyncOutcome {}

  /** The sync failed; the registry is marked FAILED with this reason and the inventory kept. */
  record Failed(long registryId, String reason) implements SyncOutcome {}

  /** Another sync of the registry (in this or another server process) holds it. */
  record Busy(long registryId) implements SyncOutcome {}

  /** There is no such registry. */
  record NotFound(long registryId) implements SyncOutcome {}
}
