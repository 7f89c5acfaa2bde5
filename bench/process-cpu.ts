import { readFileSync } from 'node:fs';

// USER_HZ, the unit of /proc/<pid>/stat times, is 100 on Linux builds for
// every common architecture (Node cannot ask sysconf).
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) process `pid` has used so far; null off Linux or once it is gone. */
export function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself contain spaces: state is
    // field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
