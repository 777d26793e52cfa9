import { describe, expect, it } from 'vitest';
import {
  FIXED_OUT,
  fixedIsoBytes,
  parseTimestamp,
  parseTimestampGeneral,
  plainIso,
  zoneOffsetMs,
} from './timestamp';
import { rng } from '../../util/random';

const H = 3_600_000;
const day = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
/** Local wall time written back as 'YYYY-MM-DD HH:MM:SS', for readable expectations. */
const wall = (raw: string, zone = 'Asia/Tokyo') => {
  const v = parseTimestamp(raw, zone);
  return typeof v === 'number' ? new Date(v).toISOString().slice(0, 19).replace('T', ' ') : v;
};

describe('activity timestamps', () => {
  it.each([
    ['2026-11-23', '2026-11-23 00:00:00'],
    ['2026/11/23', '2026-11-23 00:00:00'],
    ['20261123', '2026-11-23 00:00:00'],
    ['2026年11月23日', '2026-11-23 00:00:00'],
    ['R8.11.23', '2026-11-23 00:00:00'],
    ['令和8年11月23日', '2026-11-23 00:00:00'],
    ['２０２６－１１－２３', '2026-11-23 00:00:00'],
    ['2026-11-23T09:30', '2026-11-23 09:30:00'],
    ['2026-11-23 09:30:15.5', '2026-11-23 09:30:15'],
    ['2026/11/23 9:30', '2026-11-23 09:30:00'],
    ['2026年11月23日 9時30分', '2026-11-23 09:30:00'],
    ['2026年11月23日 午後3時05分', '2026-11-23 15:05:00'],
    ['2026-11-23T09:30:00+09:00', '2026-11-23 09:30:00'],
    ['2026-11-22T15:30:00Z', '2026-11-23 00:30:00'],
    ['2026-11-23T00:30:00-05:00', '2026-11-23 14:30:00'],
  ])('%s → %s (Asia/Tokyo)', (raw, want) => expect(wall(raw)).toBe(want));

  it.each([
    '2026-02-30',
    '2026-11-23 25:00',
    '23/11/2026 9h',
    'yesterday',
    '2026-11-23T09:30+25:00',
  ])('%s is not a timestamp', (raw) => expect(parseTimestamp(raw, 'Asia/Tokyo')).toBeUndefined());

  it('reads empty cells as missing', () => {
    expect(parseTimestamp('', 'UTC')).toBeNull();
    expect(parseTimestamp('  ', 'UTC')).toBeNull();
  });

  it('keeps local times as written and converts instants with the zone’s offset at that date', () => {
    // No offset: the wall clock of the playbook's zone, whatever the zone.
    expect(wall('2026-07-01 12:00', 'America/New_York')).toBe('2026-07-01 12:00:00');
    // New York is UTC−4 in July and UTC−5 in January (daylight saving).
    expect(wall('2026-07-01T03:00:00Z', 'America/New_York')).toBe('2026-06-30 23:00:00');
    expect(wall('2026-01-01T04:00:00Z', 'America/New_York')).toBe('2025-12-31 23:00:00');
    expect(zoneOffsetMs('Asia/Tokyo', day('2026-11-23'))).toBe(9 * H);
    expect(zoneOffsetMs('UTC', day('2026-11-23'))).toBe(0);
  });
});

describe('the fast path for plain ISO forms', () => {
  it('gives the general parser’s answer for every string it takes, and leaves the rest to it', () => {
    const r = rng(11);
    const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)];
    const two = () => String(Math.floor(r() * 100)).padStart(2, '0');
    let taken = 0;
    for (let k = 0; k < 20_000; k++) {
      const date = `${pick(['2026', '1999', '0000', '20x6'])}-${pick(['01', '02', '12', '13', '00', two()])}-${pick(['01', '28', '29', '30', '31', '32', two()])}`;
      const time = pick([
        '',
        ` ${two()}:${two()}`,
        `T${two()}:${two()}:${two()}`,
        ` 9:30`,
        `t10:00`,
        ` ${two()}:${two()}Z`,
        `T${two()}-${two()}`,
      ]);
      const s = date + time;
      const fast = plainIso(s);
      if (fast !== undefined) {
        taken++;
        expect(fast, s).toBe(parseTimestampGeneral(s, 'Asia/Tokyo'));
      }
    }
    expect(taken).toBeGreaterThan(500);
    expect(plainIso('2026-02-30')).toBeUndefined();
    expect(parseTimestamp('2026-02-30', 'UTC')).toBeUndefined();
    expect(plainIso('2026-11-23 24:00')).toBeUndefined();
  });
});

describe('zoneOffsetMs', () => {
  it('answers per zone as the platform does, the zones asked in turn (each its own cache)', () => {
    const r = rng(11);
    const zones = ['Asia/Tokyo', 'America/New_York', 'Europe/Berlin', 'UTC', 'Australia/Adelaide'];
    const fmt = new Map(
      zones.map((z) => [
        z,
        new Intl.DateTimeFormat('en-US', {
          timeZone: z,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
        }),
      ]),
    );
    for (let k = 0; k < 3000; k++) {
      // Instants in 2026 on the hour and between (DST changes in three of the zones).
      const utc = Date.UTC(2026, 0, 1) + Math.floor(r() * 365 * 24 * 4) * 15 * 60_000;
      const zone = zones[Math.floor(r() * zones.length)];
      const p: Record<string, number> = {};
      for (const part of fmt.get(zone)!.formatToParts(new Date(utc))) p[part.type] = +part.value;
      const want =
        Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(utc / 60_000) * 60_000;
      expect(zoneOffsetMs(zone, utc), `${zone} ${new Date(utc).toISOString()}`).toBe(want);
    }
  });
});

describe('the byte readers’ fixed-place path (fixedIsoBytes)', () => {
  it('gives the general parser’s answer for every cell it takes, and takes every plain form', () => {
    const r = rng(12);
    const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)];
    const two = () => String(Math.floor(r() * 100)).padStart(2, '0');
    const enc = new TextEncoder();
    let taken = 0;
    for (let k = 0; k < 30_000; k++) {
      const sep = pick(['-', '-', '/', '.']);
      const sep2 = r() < 0.9 ? sep : pick(['-', '/']);
      const date = `${pick(['2026', '1999', '0000', '9999', '20x6', '2O26'])}${sep}${pick(['01', '02', '12', '13', '00', '0a', two()])}${sep2}${pick(['01', '28', '29', '30', '31', '32', '3:', two()])}`;
      const time = pick([
        '',
        ` ${two()}:${two()}`,
        `T${two()}:${two()}:${two()}`,
        ` ${two()}:${two()}:${two()}`,
        ` ${two()}:${two()}:6/`,
        ` ${two()}-${two()}:${two()}`,
        `t10:00`,
        ` 9:30:00`,
        `_${two()}:${two()}`,
      ]);
      const s = date + time;
      // The cell inside a longer buffer (the byte readers pass offsets into a block).
      const b = enc.encode(`,${s},`);
      const expected = parseTimestamp(s, 'UTC');
      if (fixedIsoBytes(b, 1, b.length - 1)) {
        taken++;
        expect(FIXED_OUT[0], s).toBe(expected);
      } else if (
        /^\d{4}([-/])\d\d\1\d\d([ T]\d\d:\d\d(:\d\d)?)?$/.test(s) &&
        typeof expected === 'number'
      )
        // A plain form the general parser reads must take this path (else the speed-up is gone).
        expect.unreachable(`not taken: ${s}`);
    }
    expect(taken).toBeGreaterThan(500);
  });
});
