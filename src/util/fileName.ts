/** Characters no OS allows in a file name (Windows' reserved set and the C0 controls). */
// eslint-disable-next-line no-control-regex -- the control characters are what it removes
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** A file name safe on every OS, from a user-given name (keeps Japanese letters). */
export function safeFileName(name: string, fallback = 'waymark', max = 100): string {
  const s = name.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().slice(0, max);
  return s || fallback;
}
