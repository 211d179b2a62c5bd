// Resident memory of a browser's page processes, read from /proc (Linux), for browsers that give no heap reading
// over their automation protocol (Firefox over WebDriver BiDi).
import { readdirSync, readFileSync } from 'node:fs';

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null; // the process ended between listing and reading
  }
}

/**
 * Firefox names its page processes: "Isolated Web Co(ntent)" for a site's own process (Fission), "Web Content"
 * for the shared one. Processes forked from its fork server keep the server's command line, so the name is what
 * tells them apart.
 */
const PAGE_PROCESS = /^(Isolated Web|Web Content)/;

/**
 * Bytes resident in the page processes started under `rootPid`, or null where /proc is not there. Resident memory includes the engine's own caches and is read without a forced GC: a trend over
 * minutes means something, a single reading little.
 */
export function contentProcessRss(rootPid: number): number | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return null;
  }
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`);
    if (!stat) continue;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parent.set(pid, Number(fields[1]));
    name.set(pid, stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
  }
  const under = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === rootPid) return true;
    return false;
  };
  let bytes = 0;
  for (const pid of pids) {
    if (!under(pid)) continue;
    if (!PAGE_PROCESS.test(name.get(pid) ?? '')) continue;
    const rss = /VmRSS:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? '');
    if (rss) bytes += Number(rss[1]) * 1024;
  }
  return bytes;
}
