/**
 * What went wrong with IndexedDB, in terms the UI can explain. Quota errors arrive as
 * QuotaExceededError or as an AbortError wrapping one (Dexie: `inner`); Safari and Chromium
 * report a lost connection as DatabaseClosedError / UnknownError / InvalidStateError.
 */
/** version: a newer Waymark upgraded the database from another tab; this tab must reload. */
export type StorageErrorKind = 'quota' | 'connection' | 'version' | 'other';

export interface StorageProblem {
  kind: StorageErrorKind;
  /** The browser's own words, for the details line. */
  detail: string;
}

interface ErrLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
}

function chain(e: unknown): ErrLike[] {
  const out: ErrLike[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    out.push(cur as ErrLike);
    const c = cur as ErrLike & { cause?: unknown };
    cur = c.inner ?? c.cause;
  }
  return out;
}

export function classifyStorageError(e: unknown): StorageProblem {
  const all = chain(e);
  const names = all.map((x) => String(x.name ?? ''));
  const messages = all.map((x) => String(x.message ?? ''));
  const detail = messages.find((m) => m) ?? String(e);
  if (names.some((n) => n === 'QuotaExceededError') || messages.some((m) => /quota/i.test(m))) {
    return { kind: 'quota', detail };
  }
  if (names.some((n) => n === 'VersionChangeError' || n === 'VersionError'))
    return { kind: 'version', detail };
  if (
    names.some(
      (n) => n === 'DatabaseClosedError' || n === 'UnknownError' || n === 'InvalidStateError',
    ) ||
    messages.some((m) => /connection.*lost|database.*closed/i.test(m))
  ) {
    return { kind: 'connection', detail };
  }
  return { kind: 'other', detail };
}
