// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';

afterEach(cleanup);

describe('Dialog', () => {
  it('focuses its first control, closes on Escape and keeps Tab inside', () => {
    const onClose = vi.fn();
    render(
      <Dialog open title="T" onClose={onClose} testId="d" footer={<button>last</button>}>
        <input aria-label="first" />
      </Dialog>,
    );
    const first = screen.getByLabelText('first');
    const last = screen.getByText('last');
    expect(document.activeElement).toBe(first);
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
    fireEvent.keyDown(screen.getByTestId('d'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('dialog')).toHaveAccessibleName('T');
  });

  it('renders nothing when closed', () => {
    render(<Dialog open={false} title="T" onClose={() => {}} testId="d" />);
    expect(screen.queryByTestId('d')).toBeNull();
  });
});
