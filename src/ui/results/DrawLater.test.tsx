// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { DrawLater } from './DrawLater';

const task = () =>
  act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });

afterEach(cleanup);

describe('DrawLater', () => {
  it('draws its parts one per task, in order, each after a placeholder of its height', async () => {
    const view = render(
      <div>
        <DrawLater height={220}>
          <p data-testid="one">one</p>
        </DrawLater>
        <DrawLater height={260}>
          <p data-testid="two">two</p>
        </DrawLater>
      </div>,
    );
    const shown = () => ['one', 'two'].filter((id) => view.queryByTestId(id));
    expect(shown()).toEqual([]);
    const boxes = view.container.querySelectorAll<HTMLElement>('div > div[aria-hidden]');
    expect([...boxes].map((b) => b.style.height)).toEqual(['220px', '260px']);
    const seen: string[][] = [];
    for (let i = 0; i < 6 && shown().length < 2; i++) {
      await task();
      seen.push(shown());
    }
    expect(shown()).toEqual(['one', 'two']);
    // Never both in one task: 'one' alone first.
    expect(seen[0]).toEqual(['one']);
  });

  it('a part unmounted before its turn does not hold up the next', async () => {
    const view = render(
      <div>
        <DrawLater key="a" height={10}>
          <p data-testid="a">a</p>
        </DrawLater>
        <DrawLater key="b" height={10}>
          <p data-testid="b">b</p>
        </DrawLater>
      </div>,
    );
    view.rerender(
      <div>
        <DrawLater key="b" height={10}>
          <p data-testid="b">b</p>
        </DrawLater>
      </div>,
    );
    for (let i = 0; i < 6 && !view.queryByTestId('b'); i++) await task();
    expect(view.queryByTestId('b')).not.toBeNull();
  });
});
