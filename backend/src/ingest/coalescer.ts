export interface CoalescerOptions {
  /** A pending insert is flushed once it holds this many rows. */
  maxRows: number;
  /** ...or this long after its first row, whichever comes first. */
  lingerMs: number;
}

interface PendingInsert {
  chunks: Buffer[];
  rows: number;
  /** Linger elapsed (or draining): flush as soon as no other insert is in flight. */
  due: boolean;
  timer: NodeJS.Timeout | undefined;
  result: Promise<void>;
  settle(err?: unknown): void;
}

/**
 * Merges many small JSONEachRow chunks into few large INSERTs (ClickHouse's per-row cost falls
 * steeply with insert size). One insert is in flight at a time; the next one accumulates meanwhile.
 */
export class InsertCoalescer {
  private pending: PendingInsert | undefined;
  /** Full inserts waiting for the one in flight. */
  private readonly full: PendingInsert[] = [];
  private flushing = false;
  private draining = false;

  constructor(
    private readonly insert: (rows: Buffer) => Promise<void>,
    private readonly options: CoalescerOptions,
  ) {}

  /** Resolves once an INSERT holding these rows succeeded; rejects with that INSERT's error. */
  add(rows: Buffer, rowCount: number): Promise<void> {
    const batch = (this.pending ??= this.open());
    batch.chunks.push(rows);
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

  private open(): PendingInsert {
    let settle!: (err?: unknown) => void;
    const result = new Promise<void>((resolve, reject) => {
      settle = (err) => (err === undefined ? resolve() : reject(err));
    });
    const batch: PendingInsert = { chunks: [], rows: 0, due: this.draining, timer: undefined, result, settle };
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

  private async flush(batch: PendingInsert): Promise<void> {
    try {
      await this.insert(batch.chunks.length === 1 ? batch.chunks[0]! : Buffer.concat(batch.chunks));
      batch.settle();
    } catch (err) {
      batch.settle(err ?? new Error('insert failed'));
    } finally {
      this.flushing = false;
      this.pump();
    }
  }
}
