/**
 * The prosecution deadline (Verfolgungsverjährung) of a parking offence, shared by main (queue
 * filters) and renderer (display). Dates here are calendar dates in Europe/Berlin, 'YYYY-MM-DD'.
 */

const ZONE = 'Europe/Berlin';
const DAY_MS = 86_400_000;

/** Highlight threshold of the issue: fewer days left than this is "due soon". */
export const DUE_SOON_DAYS = 14;

const berlinDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const berlinTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface YMD {
  y: number;
  m: number; // 1–12
  d: number;
}

const parse = (date: string): YMD => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
const format = ({ y, m, d }: YMD): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const dayNumber = (date: string): number => {
  const { y, m, d } = parse(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
};

/** The Berlin calendar date an instant falls on. */
export function berlinDateOf(instant: string | Date): string {
  return berlinDate.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** The UTC instant (ISO, ms precision) at which a Berlin calendar date begins. */
export function berlinDayStart(date: string): string {
  const { y, m, d } = parse(date);
  // Midnight in Berlin is 23:00 or 22:00 UTC the day before; no DST switch happens at midnight.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3_600_000);
    if (berlinDateOf(candidate) === date && berlinTime.format(candidate) === '00:00') {
      return candidate.toISOString();
    }
  }
  throw new Error(`No Berlin midnight for ${date}`);
}

/** Whole calendar days from `from` to `to` (Berlin dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, days: number): string {
  const at = new Date((dayNumber(date) + days) * DAY_MS);
  return format({ y: at.getUTCFullYear(), m: at.getUTCMonth() + 1, d: at.getUTCDate() });
}

/**
 * Calendar months later; a day the target month lacks becomes its last day (§ 188 Abs. 3 BGB:
 * 31 January + 3 months is 30 April, 30 November + 3 months is 28 or 29 February).
 */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return format({ y: ty, m: tm, d: Math.min(d, lastDay) });
}

export interface Deadline {
  /** The last day prosecution is possible (Berlin date); it lapses at the end of this day. */
  date: string;
  /** Whole days from today to `date`: 0 means today is the last day, negative means lapsed. */
  daysLeft: number;
  /** Whether a dispute interrupted the limitation. */
  interrupted: boolean;
}

/**
 * THE deadline rule, the only place it lives.
 *
 * - Prosecution of a parking offence lapses 3 months after the offence (§ 26 Abs. 3 StVG): the
 *   deadline is the Berlin date of the offence plus 3 calendar months (clamped, see addMonths).
 * - Hearing the person concerned interrupts the limitation (§ 33 Abs. 1 Nr. 1 OWiG); we take the
 *   first dispute's receipt as that hearing. It counts once, and only if it came in on or before
 *   the deadline (a lapsed case cannot be revived); the 3 months then start again from the
 *   receipt date.
 * - An interrupted limitation still ends at the latest at twice the statutory period after the
 *   offence (§ 33 Abs. 3 Satz 2 OWiG): 6 months.
 *
 * Later disputes do not interrupt again: this console cannot tell which further step did.
 */
export function prosecutionDeadline(
  observedAt: string,
  firstDisputeReceivedAt: string | null,
  now: Date = new Date(),
): Deadline {
  const offence = berlinDateOf(observedAt);
  const base = addMonths(offence, 3);
  let date = base;
  let interrupted = false;
  if (firstDisputeReceivedAt !== null) {
    const heard = berlinDateOf(firstDisputeReceivedAt);
    if (heard >= offence && heard <= base) {
      const restarted = addMonths(heard, 3);
      const cap = addMonths(offence, 6);
      date = restarted < cap ? restarted : cap;
      interrupted = true;
    }
  }
  return { date, daysLeft: daysBetween(berlinDateOf(now), date), interrupted };
}
