/**
 * Fault injection, scheduled per request kind (endpoint) and per nth call from now:
 * HTTP 500, an HTML page (captive portal / proxy), a timeout (never answers), a dropped connection,
 * an error code (`70082`, `-2`, …), or token expiry. With `afterApply`, a write is carried out first and
 * the fault hits only its answer: the change is on the PBX but the client cannot know.
 */

/** What goes wrong. */
export type FaultKind = 'http500' | 'html' | 'timeout' | 'drop' | 'errcode' | 'expire-tokens';

/** One scheduled fault. */
export interface FaultSpec {
  /** Endpoint it hits (`phone/batchcreate`, `get_token`, …) or `*` for any. */
  readonly endpoint: string;
  readonly kind: FaultKind;
  /** For `errcode`: the code to answer with (e.g. 70082, -2). */
  readonly errcode?: number;
  /** Carry the request out first, then fail its answer (writes: "dropped after the change was applied"). */
  readonly afterApply?: boolean;
  /** For `expire-tokens`: expire refresh tokens too, forcing a full login. */
  readonly refreshToo?: boolean;
  /** Which upcoming call to that endpoint it hits: 1 = the next one (default). */
  readonly nth?: number;
  /** How many consecutive calls from `nth` it hits (default 1). */
  readonly times?: number;
}

interface Scheduled {
  readonly spec: FaultSpec;
  readonly from: number;
  readonly to: number;
  hits: number;
}

/** The fault schedule of one simulator. */
export class FaultSchedule {
  private readonly scheduled: Scheduled[] = [];

  constructor(private readonly callCount: (endpoint: string) => number) {}

  /** Schedules a fault; call numbers are counted from now. */
  add(spec: FaultSpec): void {
    const base = this.callCount(spec.endpoint);
    const from = base + (spec.nth ?? 1);
    this.scheduled.push({ spec, from, to: from + (spec.times ?? 1) - 1, hits: 0 });
  }

  /** Drops every scheduled fault. */
  clear(): void {
    this.scheduled.length = 0;
  }

  /** Faults not yet used up. */
  pending(): FaultSpec[] {
    return this.scheduled.filter((s) => s.hits < s.to - s.from + 1).map((s) => s.spec);
  }

  /**
   * The fault for this call, if any. `endpointCall` / `anyCall` are the 1-based numbers of this call among
   * calls to its endpoint and among all calls.
   */
  take(endpoint: string, endpointCall: number, anyCall: number): FaultSpec | undefined {
    for (const s of this.scheduled) {
      const n = s.spec.endpoint === '*' ? anyCall : s.spec.endpoint === endpoint ? endpointCall : -1;
      if (n >= s.from && n <= s.to) {
        s.hits += 1;
        return s.spec;
      }
    }
    return undefined;
  }
}

/** The page a captive portal or an HTTP proxy shows instead of the API's JSON. */
export const CAPTIVE_PORTAL_HTML = `<!DOCTYPE html>
<html><head><title>Guest Wi-Fi - Sign in</title></head>
<body><h1>Welcome to Guest Wi-Fi</h1><p>Please accept the terms of use to access the Internet.</p>
<form method="post" action="/login"><button>Accept and connect</button></form></body></html>`;

/** What a reverse proxy in front of a struggling PBX answers with HTTP 500. */
export const HTTP_500_HTML = `<html>
<head><title>500 Internal Server Error</title></head>
<body><center><h1>500 Internal Server Error</h1></center><hr><center>nginx</center></body>
</html>`;
