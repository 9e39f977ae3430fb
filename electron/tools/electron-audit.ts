/**
 * `npm run audit:electron`: runs @doyensec/electronegativity over the app's sources and fails on any
 * HIGH or MEDIUM finding that is not in the reviewed allowlist. The tool exits 0 even on findings and
 * reaches for the network at start, so it runs under `unshare -n` where possible and its report is parsed here.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCEPTED_FINDINGS } from './electron-audit-allowlist';
import { offline } from './offline';

interface Finding {
  check: string;
  severity: string;
  file: string;
  location: string;
  description: string;
}

const root = process.cwd();
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

// Only our sources: scanning the repository root would walk node_modules.
const work = mkdtempSync(join(tmpdir(), 'onsite-audit-'));
for (const dir of ['electron', 'renderer', 'shared']) cpSync(join(root, dir), join(work, dir), { recursive: true });
const report = join(work, 'report.csv');
const args = [join(root, 'node_modules/.bin/electronegativity'), '-i', work, '-o', report, '-r', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck'];
const run = offline(args[0]!, args.slice(1));
try {
  execFileSync(run.command, run.args, { stdio: 'ignore' });
  // The CSV does not escape quotes inside samples, so read each finding's leading fields by pattern.
  const text = readFileSync(report, 'utf8');
  const findings: Finding[] = [...text.matchAll(/^([A-Z_]+_CHECK),"(\w+)","\w+","([^"]*)","([^"]*)",.*?,"([^"]*)",https?:\S+$/gms)].map((m) => ({
    check: m[1]!,
    severity: m[2]!,
    file: m[3]!,
    location: m[4]!,
    description: m[5]!,
  }));
  const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
  const accepted = (f: Finding): boolean => ACCEPTED_FINDINGS.some((a) => a.check === f.check && a.file === f.file);
  const open = serious.filter((f) => !accepted(f));
  for (const f of findings) console.log(`${accepted(f) ? 'accepted' : f.severity === 'HIGH' || f.severity === 'MEDIUM' ? 'FAIL    ' : 'info    '} ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location} ${f.description}`);
  console.log(JSON.stringify({ electronVersion, findings: findings.length, highOrMedium: serious.length, accepted: serious.length - open.length, open: open.length, isolated: run.isolated }));
  process.exitCode = open.length === 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
