/**
 * The machine line of the report: CPU, cores, RAM, OS, Node and npm versions, load at start.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGiB: number;
  readonly os: string;
  readonly node: string;
  readonly npm: string;
  readonly loadAvg: readonly number[];
}

function npmVersion(): string {
  try {
    return execFileSync('npm', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: os.availableParallelism(),
    ramGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    npm: npmVersion(),
    loadAvg: os.loadavg(),
  };
}

export function machineLine(m: Machine): string {
  const load = m.loadAvg.map((l) => l.toFixed(2)).join(' ');
  return (
    `${m.cpu}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM, ${m.os}, ` +
    `Node ${m.node}, npm ${m.npm} (load average at start: ${load})`
  );
}
