// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useOnceTrue } from './useOnceTrue';

describe('useOnceTrue', () => {
  it('is false until the value holds, then true for good', () => {
    const h = renderHook(({ v }) => useOnceTrue(v), { initialProps: { v: false } });
    expect(h.result.current).toBe(false);
    h.rerender({ v: false });
    expect(h.result.current).toBe(false);
    h.rerender({ v: true });
    expect(h.result.current).toBe(true);
    h.rerender({ v: false });
    expect(h.result.current).toBe(true);
  });

  it('is true from the first render when the value holds then', () => {
    const h = renderHook(({ v }) => useOnceTrue(v), { initialProps: { v: true } });
    expect(h.result.current).toBe(true);
    h.rerender({ v: false });
    expect(h.result.current).toBe(true);
  });
});
