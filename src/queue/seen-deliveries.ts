// In-memory delivery deduplication by X-GitHub-Delivery id.
// Only in-flight and finished ids are remembered: a delivery that failed for good is forgotten,
// so a person who redelivers it from GitHub gets another try.
import { LRUCache } from 'lru-cache';

type State = 'in-flight' | 'done';

export class SeenDeliveries {
  private readonly ids: LRUCache<string, State>;

  constructor(maxEntries: number, ttlMs: number) {
    this.ids = new LRUCache({ max: maxEntries, ttl: ttlMs });
  }

  /** True when the id is new (and now in flight); false for a redelivery to ignore. */
  claim(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.set(id, 'in-flight');
    return true;
  }

  done(id: string): void {
    this.ids.set(id, 'done');
  }

  forget(id: string): void {
    this.ids.delete(id);
  }

  get size(): number {
    return this.ids.size;
  }
}
