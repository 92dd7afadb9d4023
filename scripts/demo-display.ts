import type { Expectation, PreparedOperation } from './demo-samples.js';

/** What the demo knows about one operation, refreshed from the API and the fakes. */
export interface TrackedOperation {
  readonly prepared: PreparedOperation;
  operationId: string | null;
  status: string;
  step: string;
  error: string | null;
  /** Poll requests the external system received for this operation. */
  polls: number;
  /** What Director's PUT /operation received: "ok", the error, "not called". */
  director: string;
  finished: boolean;
}

export function expectationOf(op: TrackedOperation): Expectation {
  return op.prepared.sample.expects[op.prepared.kind];
}

/** Problems with the operation's end state against its sample's expectation (none when it matches). */
export function mismatches(op: TrackedOperation): string[] {
  const e = expectationOf(op);
  const out: string[] = [];
  if (op.status !== e.status) out.push(`status ${op.status}, expected ${e.status}`);
  if (op.error !== e.error)
    out.push(`error ${JSON.stringify(op.error)}, expected ${JSON.stringify(e.error)}`);
  if (op.director !== e.director)
    out.push(`Director received ${JSON.stringify(op.director)}, expected ${JSON.stringify(e.director)}`);
  return out;
}

const label = (op: TrackedOperation) => `${op.prepared.sample.name.padEnd(8)} ${op.prepared.kind.padEnd(10)}`;

function progressLine(op: TrackedOperation): string {
  const polls = op.polls > 0 ? `  polls ${op.polls}` : '';
  const detail = op.finished ? (op.error ?? '') : `step ${op.step}${polls}`;
  return `  ${label(op)} ${op.status.padEnd(11)} ${detail}`;
}

/**
 * Live progress: one line per operation rewritten in place on a terminal; elsewhere (a pipe, CI) a
 * plain line every `plainEveryMs` with the count and the operations still running.
 */
export class ProgressView {
  private drawn = 0;
  private lastPlain = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly startedAt: number,
    private readonly plainEveryMs = 2000,
  ) {}

  update(ops: readonly TrackedOperation[], final = false): void {
    if (this.out.isTTY) {
      if (this.drawn > 0) this.out.write(`\x1b[${this.drawn}A`);
      for (const op of ops)
        this.out.write(`\x1b[2K${progressLine(op).slice(0, (this.out.columns ?? 120) - 1)}\n`);
      this.drawn = ops.length;
      return;
    }
    const now = Date.now();
    if (!final && now - this.lastPlain < this.plainEveryMs) return;
    this.lastPlain = now;
    const done = ops.filter((o) => o.finished).length;
    const running = ops
      .filter((o) => !o.finished)
      .map(
        (o) =>
          `${o.prepared.sample.name}/${o.prepared.kind} (${o.step}${o.polls > 0 ? `, ${o.polls} polls` : ''})`,
      );
    const seconds = ((now - this.startedAt) / 1000).toFixed(1).padStart(5);
    this.out.write(
      `  [${seconds}s] ${done}/${ops.length} finished${running.length ? `; running: ${running.join(', ')}` : ''}\n`,
    );
  }
}

/** The summary table: one row per operation, and whether it ended as its sample expects. */
export function summaryTable(ops: readonly TrackedOperation[]): string {
  const header = ['sample', 'operation', 'status', 'error', 'polls', 'Director received', 'as expected'];
  const rows = ops.map((op) => [
    op.prepared.sample.name,
    op.prepared.kind,
    op.status,
    op.error ?? '-',
    String(op.polls),
    op.director,
    mismatches(op).length === 0 ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()}`;
  const rule = `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
