/**
 * Counting in Twilio Sync across every instance of a Function (they share no memory): each count
 * adds an item to a Sync List, and the index Sync gives it is the number of items before it, with
 * no read-modify-write race. The list is created, with its time to live, on first use.
 */
import { withCollection, type SyncService } from './sync-collection';

/** Counts one more in the list `uniqueName`; resolves with how many were counted before this one. */
export async function countInList(sync: SyncService, uniqueName: string, ttlSeconds: number, operation: string): Promise<number> {
  const { index } = await withCollection(
    () => sync.syncLists(uniqueName).syncListItems.create({ data: {} }),
    () => sync.syncLists.create({ uniqueName, ttl: ttlSeconds }),
    operation,
  );
  return index;
}
