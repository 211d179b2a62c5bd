// The page `npm run bench` writes (docs/BENCHMARKS.md): lines said as they are printed, tables, and the goals
// checked along the way, collected for the closing table.
import os from 'node:os';

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;
export const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

export interface Report {
  /** Every line said so far. */
  readonly out: string[];
  /** [goal, met, figure] */
  readonly goals: Array<[string, boolean, string]>;
  say: (line?: string) => void;
  /** A Markdown table: the first column left-aligned, the figures right-aligned. */
  table: (headers: string[], rows: string[][]) => void;
}

export function createReport(): Report {
  const out: string[] = [];
  const say = (line = '') => {
    console.log(line);
    out.push(line);
  };
  const table = (headers: string[], rows: string[][]) => {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) =>
      `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
    say(line(headers));
    say(`|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
    for (const row of rows) say(line(row));
    say();
  };
  return { out, goals: [], say, table };
}

/** The goals met and not, then the machine the figures came from (they vary with its load). */
export function writeClosing(
  { say, table, goals }: Report,
  chromiumVersion: string,
  startedAt: number,
  stageTimes: string[],
): void {
  say('## Goals');
  say();
  table(
    ['goal', 'result', 'figure'],
    goals.map(([g, ok, f]) => [g, verdict(ok), f]),
  );
  const cpus = os.cpus();
  say('## Machine');
  say();
  say(`- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores`);
  say(`- Memory: ${fmt(os.totalmem() / 1024 ** 3, 1)} GB`);
  say(
    `- Node ${process.version}${chromiumVersion ? `, Chromium ${chromiumVersion}` : ''}, ${os.type()} ${os.release()}`,
  );
  say(
    `- Load average at the end: ${os
      .loadavg()
      .map((l) => fmt(l, 2))
      .join(', ')} (timings vary with the machine's load)`,
  );
  say(
    `- Date: ${new Date().toISOString().slice(0, 10)}; the run took ${fmt((Date.now() - startedAt) / 1000)} s (${stageTimes.join(', ')})`,
  );
}
