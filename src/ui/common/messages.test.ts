import { afterEach, describe, expect, it, vi } from 'vitest';
import { dismiss, messageStore, notify } from './messages';

afterEach(() => {
  for (const m of messageStore.current) dismiss(m.id);
  vi.useRealTimers();
});

describe('message area store', () => {
  it('keeps errors until dismissed and lets other messages fade', () => {
    vi.useFakeTimers();
    const err = notify({ kind: 'error', text: 'could not save' });
    notify({ kind: 'success', text: 'saved file' });
    expect(messageStore.current.map((m) => m.text)).toEqual(['could not save', 'saved file']);
    vi.advanceTimersByTime(6000);
    expect(messageStore.current.map((m) => m.text)).toEqual(['could not save']);
    dismiss(err);
    expect(messageStore.current).toEqual([]);
  });

  it('tells subscribers, and stops when they unsubscribe', () => {
    const seen: number[] = [];
    const off = messageStore.subscribe(() => seen.push(messageStore.current.length));
    const id = notify({ kind: 'info', text: 'a', timeoutMs: 0 });
    dismiss(id);
    off();
    notify({ kind: 'info', text: 'b', timeoutMs: 0 });
    expect(seen).toEqual([1, 0]);
  });
});
