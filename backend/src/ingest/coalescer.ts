export interface CoalescerOptions {
  /** A pending flush is started once it holds this many rows. */
  maxRows: number;
  /** ...or this long after its first row, whichever comes first. */
  lingerMs: number;
}

interface PendingInsert<T> {
  items: T[];
  rows: number;
  /** Linger elapsed (or draining): flush as soon as no other insert is in flight. */
  due: boolean;
  timer: NodeJS.Timeout | undefined;
  result: Promise<void>;
  settle(err?: unknown): void;
}

/**
 * Merges the work of many small jobs (JSONEachRow chunks, legacy event batches) into few large
 * flushes (ClickHouse's per-row cost falls steeply with insert size, and each round trip costs).
 * One flush is in flight at a time; the next one accumulates meanwhile.
 */
export class InsertCoalescer<T> {
  private pending: PendingInsert<T> | undefined;
  /** Full flushes waiting for the one in flight. */
  private readonly full: PendingInsert<T>[] = [];
  private flushing = false;
  private draining = false;

  constructor(
    private readonly flushItems: (items: T[]) => Promise<void>,
    private readonly options: CoalescerOptions,
  ) {}

  /** Resolves once the flush holding `item` (of `rowCount` rows) succeeded; rejects with its error. */
  add(item: T, rowCount: number): Promise<void> {
    const batch = (this.pending ??= this.open());
    batch.items.push(item);
    batch.rows += rowCount;
    if (batch.rows >= this.options.maxRows) {
      clearTimeout(batch.timer);
      this.pending = undefined;
      this.full.push(batch);
    }
    this.pump();
    return batch.result;
  }

  /** From now on nothing lingers: used on shutdown so in-flight jobs finish promptly. */
  drain(): void {
    this.draining = true;
    if (this.pending) {
      clearTimeout(this.pending.timer);
      this.pending.due = true;
    }
    this.pump();
  }

  private open(): PendingInsert<T> {
    let settle!: (err?: unknown) => void;
    const result = new Promise<void>((resolve, reject) => {
      settle = (err) => (err === undefined ? resolve() : reject(err));
    });
    const batch: PendingInsert<T> = { items: [], rows: 0, due: this.draining, timer: undefined, result, settle };
    if (!this.draining) {
      batch.timer = setTimeout(() => {
        batch.due = true;
        this.pump();
      }, this.options.lingerMs);
    }
    return batch;
  }

  private pump(): void {
    if (this.flushing) return;
    let batch = this.full.shift();
    if (!batch && this.pending?.due) {
      batch = this.pending;
      this.pending = undefined;
    }
    if (!batch) return;
    this.flushing = true;
    void this.flush(batch);
  }

  private async flush(batch: PendingInsert<T>): Promise<void> {
    try {
      await this.flushItems(batch.items);
      batch.settle();
    } catch (err) {
      batch.settle(err ?? new Error('flush failed'));
    } finally {
      this.flushing = false;
      this.pump();
    }
  }
}
