import { useEffect, useState } from 'react';
import { takeCtaFocus } from './focusRequest';

/**
 * On mount, the CTA another view asked to open: scrolls its card into view, selects its name
 * and returns its id and the note to show (empty when there was no request).
 */
export function useCtaFocusRequest(): { id: string; note: string } {
  const [req, setReq] = useState({ id: '', note: '' });
  useEffect(() => {
    const req = takeCtaFocus();
    if (!req) return;
    setReq(req);
    const raf = requestAnimationFrame(() => {
      const card = document.querySelector<HTMLElement>(
        `.cta-view [data-cta="${CSS.escape(req.id)}"]`,
      );
      if (!card) return;
      card.scrollIntoView({ block: 'center' });
      card.querySelector<HTMLInputElement>('input.cta-label')?.select();
    });
    return () => cancelAnimationFrame(raf);
  }, []);
  return req;
}
