// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { initI18n } from '../../i18n';
import { HoldersInput } from './HoldersInput';

initI18n('en');
let last: string[] = [];
function Harness({ initial = [] as string[] }) {
  const [v, setV] = useState(initial);
  return (
    <HoldersInput
      value={v}
      onChange={(h) => {
        last = h;
        setV(h);
      }}
    />
  );
}
const chips = () =>
  screen.queryAllByTestId('holder-chip').map((c) => c.textContent?.replace('×', ''));

describe('HoldersInput: holders as separate people', () => {
  afterEach(() => {
    cleanup();
    last = [];
  });

  it('a line typed with 、 becomes two people on Enter', async () => {
    render(<Harness />);
    await userEvent.type(screen.getByTestId('inspector-holders'), '佐藤、田中{Enter}');
    expect(chips()).toEqual(['佐藤', '田中']);
    expect(last).toEqual(['佐藤', '田中']);
  });

  it('a pasted "佐藤, 田中" is split; a duplicate is kept once', () => {
    render(<Harness initial={['佐藤']} />);
    const input = screen.getByTestId('inspector-holders');
    fireEvent.paste(input, { clipboardData: { getData: () => '佐藤, 田中' } });
    expect(last).toEqual(['佐藤', '田中']);
  });

  it('typing a separator commits the name before it; Backspace in the empty field removes the last', async () => {
    render(<Harness />);
    const input = screen.getByTestId('inspector-holders');
    await userEvent.type(input, 'Sato,');
    expect(chips()).toEqual(['Sato']);
    expect((input as HTMLInputElement).value).toBe('');
    await userEvent.type(input, 'Ito{Enter}{Backspace}');
    expect(last).toEqual(['Sato']);
  });

  it('an old entry stored as one line shows as separate chips', () => {
    render(<Harness initial={['佐藤、田中']} />);
    expect(chips()).toEqual(['佐藤', '田中']);
  });
});
