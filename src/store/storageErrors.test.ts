import { describe, expect, it } from 'vitest';
import { classifyStorageError } from './storageErrors';

const err = (name: string, message: string, inner?: unknown) =>
  Object.assign(new Error(message), { name, inner });

describe('classifyStorageError', () => {
  it('finds a quota error wrapped in an AbortError (Dexie, Chromium)', () => {
    const e = err(
      'AbortError',
      'Transaction aborted',
      err('QuotaExceededError', 'The quota has been exceeded.'),
    );
    expect(classifyStorageError(e)).toEqual({ kind: 'quota', detail: 'Transaction aborted' });
  });
  it('finds a bare QuotaExceededError', () => {
    expect(classifyStorageError(err('QuotaExceededError', 'x')).kind).toBe('quota');
  });
  it("recognises Safari's lost connection and Dexie's closed database", () => {
    expect(
      classifyStorageError(
        err(
          'UnknownError',
          'Connection to Indexed Database server lost. Refresh the page to try again',
        ),
      ).kind,
    ).toBe('connection');
    expect(classifyStorageError(err('DatabaseClosedError', 'Database has been closed')).kind).toBe(
      'connection',
    );
  });
  it('keeps anything else as is, with its message', () => {
    expect(classifyStorageError(err('DataCloneError', 'could not clone'))).toEqual({
      kind: 'other',
      detail: 'could not clone',
    });
    expect(classifyStorageError('weird').kind).toBe('other');
  });
});

describe('classifyStorageError: upgrades elsewhere', () => {
  it('tells a database upgraded by a newer tab apart from a lost connection', () => {
    expect(
      classifyStorageError(
        err('VersionChangeError', 'Database version changed by other database connection'),
      ).kind,
    ).toBe('version');
    expect(
      classifyStorageError(
        err(
          'DatabaseClosedError',
          'closed',
          err('VersionError', 'The requested version is less than the existing version'),
        ),
      ).kind,
    ).toBe('version');
  });
});
