// Where the CPU goes during a phase, from /proc (Linux): on a 2-core machine everything (load
// generator, proxy, workerd, Postgres) competes for the same cores, so CPU seconds per
// request say more about the cost than latency alone.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep Linux's usual 100
}

interface Proc {
  pid: number;
  comm: string;
  pgrp: number;
  ticks: number;
  role: string;
}

/** Inside a worker's group: workerd itself, and the Node process that started it (Miniflare). */
const roleOf = (comm: string) => (comm === 'workerd' ? 'workerd' : 'host');

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // utime, stime, and the same for reaped children (Postgres backends, esbuild) once they exit.
      const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      out.push({ pid: Number(name), comm, pgrp: Number(f[2]), ticks, role: roleOf(comm) });
    } catch {
      // exited while we read
    }
  }
  return out;
}

function machineTicks() {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user,
  // and steal (the hypervisor's) is neither ours nor idle: leave it out of both.
  const [user, nice, system, idle, iowait, irq, softirq] = cpu.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + (irq ?? 0) + (softirq ?? 0);
  return { busy, total: busy + idle + (iowait ?? 0) };
}

export type CpuSnapshot = {
  at: number;
  groups: Record<string, number>;
  bench: number;
  machine: { busy: number; total: number };
};

/** groups: a name per process group id of a child we started (detached, so its pid is its group). */
export function snapshot(groups: Record<string, number | undefined>): CpuSnapshot {
  const procs = processes();
  const out: Record<string, number> = {};
  for (const [name, pgrp] of Object.entries(groups)) {
    const mine = pgrp === undefined ? [] : procs.filter((p) => p.pgrp === pgrp);
    out[name] = mine.reduce((a, p) => a + p.ticks, 0) / ticksPerSecond;
    for (const p of mine) {
      const key = `${name}/${p.role}`;
      out[key] = (out[key] ?? 0) + p.ticks / ticksPerSecond;
    }
  }
  // Every postgres process on the machine (other sessions' queries would count too; the bench
  // runs on a quiet server).
  out.postgres = procs.filter((p) => p.comm.startsWith('postgres')).reduce((a, p) => a + p.ticks, 0) / ticksPerSecond;
  const usage = process.cpuUsage();
  return { at: performance.now(), groups: out, bench: (usage.user + usage.system) / 1e6, machine: machineTicks() };
}

export interface CpuUse {
  seconds: number;
  /**
   * CPU seconds per component: "bench" is this process (load generator, pg client); "others" is
   * what the rest of the machine used meanwhile (another session's tests, say), which disturbs us.
   */
  cpuSeconds: Record<string, number>;
  /** Share of the machine's cores that were busy (1 = all cores). */
  machineBusy: number;
}

export function diff(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const cpuSeconds: Record<string, number> = { bench: b.bench - a.bench };
  for (const key of Object.keys(b.groups)) cpuSeconds[key] = b.groups[key] - (a.groups[key] ?? 0);
  const total = b.machine.total - a.machine.total;
  const busy = (b.machine.busy - a.machine.busy) / ticksPerSecond;
  const ours = Object.entries(cpuSeconds)
    .filter(([k]) => !k.includes('/'))
    .reduce((sum, [, v]) => sum + v, 0);
  cpuSeconds.others = Math.max(0, busy - ours);
  return {
    seconds: (b.at - a.at) / 1000,
    cpuSeconds,
    machineBusy: total > 0 ? (b.machine.busy - a.machine.busy) / total : 0,
  };
}

/** Share of the machine busy over `ms`, before we start: another session's work skews every figure. */
export async function busyBeforeStart(ms: number) {
  const a = machineTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = machineTicks();
  return b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : 0;
}

/** CPU use over several phases, as if one. */
export function addCpu(parts: CpuUse[]): CpuUse {
  const cpuSeconds: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.cpuSeconds)) cpuSeconds[k] = (cpuSeconds[k] ?? 0) + v;
  const seconds = parts.reduce((a, p) => a + p.seconds, 0);
  const machineBusy = seconds > 0 ? parts.reduce((a, p) => a + p.machineBusy * p.seconds, 0) / seconds : 0;
  return { seconds, cpuSeconds, machineBusy };
}
