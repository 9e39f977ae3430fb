import { compareExtensionNumbers, type PbxIndex } from './pbx-index';

/** Numbers fill series passed over, by reason (for the message after a fill). */
export interface SeriesSkips {
  /** On the PBX but already carrying phones. */
  readonly withPhones: number;
  /** Already used by another row of this project. */
  readonly usedInProject: number;
  /** Gaps: numbers the PBX does not have (only counted when the PBX list is loaded). */
  readonly notOnPbx: number;
}

/** The numbers a fill series produced. */
export interface ExtensionSeries {
  /** One value per target cell, in order; fewer than asked when the PBX ran out of free extensions. */
  readonly values: readonly string[];
  readonly skips: SeriesSkips;
  /** True when the numbers came from the PBX's extension list; false for a plain count-up. */
  readonly fromPbx: boolean;
}

const MAX_EXTENSION = 9_999_999;

/**
 * Extension numbers after `seed` for `count` cells, counting up and skipping numbers that do not exist on
 * the PBX, already have phones there, or are used elsewhere in the project. Without the PBX's extension list
 * it counts up plainly (keeping the seed's width, so 0100 → 0101) and still skips numbers in use.
 */
export function extensionSeries(seed: string, count: number, index: PbxIndex, usedElsewhere: ReadonlySet<string>): ExtensionSeries {
  let withPhones = 0;
  let usedInProject = 0;
  const values: string[] = [];
  const hasPhones = (n: string): boolean => index.loaded.phones && (index.phonesByExtension.get(n)?.length ?? 0) > 0;
  const take = (n: string): void => {
    if (hasPhones(n)) withPhones += 1;
    else if (usedElsewhere.has(n)) usedInProject += 1;
    else values.push(n);
  };
  if (index.loaded.extensions) {
    const order = index.extensionOrder;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareExtensionNumbers(order[mid]!, seed) <= 0) lo = mid + 1;
      else hi = mid;
    }
    let visited = 0;
    for (let i = lo; i < order.length && values.length < count; i += 1) {
      take(order[i]!);
      visited += 1;
    }
    const last = values[values.length - 1];
    const span = last === undefined ? 0 : Number(last) - Number(seed);
    const notOnPbx = Number.isFinite(span) ? Math.max(0, span - visited) : 0;
    return { values, skips: { withPhones, usedInProject, notOnPbx }, fromPbx: true };
  }
  for (let n = Number(seed) + 1; values.length < count && n <= MAX_EXTENSION; n += 1) take(String(n).padStart(seed.length, '0'));
  return { values, skips: { withPhones, usedInProject, notOnPbx: 0 }, fromPbx: false };
}

const TRAILING_NUMBER = /^(.*?)(\d+)(\D*)$/s;

/**
 * The k-th value after `seed` in a text series: the last number in the text counts up, keeping its width
 * (`Desk 9` → `Desk 10`, `A-007` → `A-008`). Text without a number repeats.
 */
export function textSeries(seed: string, k: number): string {
  const match = TRAILING_NUMBER.exec(seed);
  if (!match) return seed;
  const [, prefix = '', digits = '', suffix = ''] = match;
  const next = (BigInt(digits) + BigInt(k)).toString().padStart(digits.length, '0');
  return `${prefix}${next}${suffix}`;
}

/** A sentence describing an extension fill, for the status line. */
export function describeSeries(series: ExtensionSeries, asked: number): string {
  const { values, skips } = series;
  if (values.length === 0) return series.fromPbx ? 'No free extension on the PBX after this number.' : 'No free number after this one.';
  const parts: string[] = [];
  if (skips.withPhones > 0) parts.push(`${skips.withPhones} that already have phones`);
  if (skips.usedInProject > 0) parts.push(`${skips.usedInProject} used elsewhere in this project`);
  if (skips.notOnPbx > 0) parts.push(`${skips.notOnPbx} that do not exist on the PBX`);
  const skipped = parts.length > 0 ? `, skipping ${parts.join(', ')}` : '';
  const short = values.length < asked ? ` Only ${values.length} free extension${values.length === 1 ? '' : 's'}: ${asked - values.length} cell${asked - values.length === 1 ? ' was' : 's were'} left as they were.` : '';
  const source = series.fromPbx ? '' : ' PBX extensions are not loaded, so numbers were counted up without checking the PBX.';
  return `Filled ${values.length} extension${values.length === 1 ? '' : 's'} ${values[0]!}–${values[values.length - 1]!}${skipped}.${short}${source}`;
}
