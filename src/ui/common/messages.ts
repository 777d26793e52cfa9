/**
 * The message area's store: short notices ("imported", "could not save…") any part of the UI
 * can post. Errors stay until dismissed; others fade after a few seconds.
 */
export type MessageKind = 'info' | 'success' | 'error';

export interface Message {
  id: number;
  kind: MessageKind;
  text: string;
  /** Optional longer detail (e.g. a list of problems), shown under the text. */
  detail?: string[];
  action?: { label: string; run: () => void };
}

let nextId = 1;
let messages: Message[] = [];
const listeners = new Set<() => void>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function emit() {
  for (const l of listeners) l();
}

export function notify(m: Omit<Message, 'id'> & { timeoutMs?: number }): number {
  const id = nextId++;
  const { timeoutMs, ...rest } = m;
  messages = [...messages, { id, ...rest }];
  emit();
  const ms = timeoutMs ?? (m.kind === 'error' ? 0 : 5000);
  if (ms > 0)
    timers.set(
      id,
      setTimeout(() => dismiss(id), ms),
    );
  return id;
}

export function dismiss(id: number): void {
  const t = timers.get(id);
  if (t) clearTimeout(t);
  timers.delete(id);
  const next = messages.filter((m) => m.id !== id);
  if (next.length !== messages.length) {
    messages = next;
    emit();
  }
}

export const messageStore = {
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  get current(): Message[] {
    return messages;
  },
};
