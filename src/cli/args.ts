import { t } from './messages';
/** Minimal argv parser: positionals, `--flag value`, `--flag=value`, boolean flags. */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * `valued` lists options that take a value; `booleans` those that don't. Anything else starting
 * with `--` is a usage error (naming the option), so typos never pass silently.
 */
export function parseArgs(
  argv: string[],
  valued: readonly string[],
  booleans: readonly string[] = [],
): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: {}, flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (name === 'help' || booleans.includes(name)) {
        if (eq >= 0) throw new UsageError(t('usage.noValue', { name }));
        out.flags.add(name);
      } else if (valued.includes(name)) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(t('usage.needsValue', { name }));
        out.options[name] = v;
      } else {
        throw new UsageError(t('usage.unknownOption', { name }));
      }
    } else if (a === '-h') {
      out.flags.add('help');
    } else {
      out.positionals.push(a);
    }
  }
  return out;
}
