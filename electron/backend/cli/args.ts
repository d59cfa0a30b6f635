// A small, strict argument parser: unknown options are errors, so a typo never silently changes a run.

export class UsageError extends Error {
  override name = 'UsageError';
}

export type ParsedArgs = { positionals: string[]; options: Map<string, string | true> };

export function parseArgs(argv: string[], known: { values: string[]; flags: string[] }): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (known.flags.includes(rawName)) {
      if (inline !== undefined) throw new UsageError(`--${rawName} takes no value`);
      options.set(rawName, true);
    } else if (known.values.includes(rawName)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${rawName} needs a value`);
      options.set(rawName, value);
    } else {
      throw new UsageError(`unknown option --${rawName}`);
    }
  }
  return { positionals, options };
}

export function requireOption(args: ParsedArgs, name: string): string {
  const v = args.options.get(name);
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function optionalOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function integerOption(args: ParsedArgs, name: string, fallback: number): number {
  const v = optionalOption(args, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, got "${v}"`);
  return Number(v);
}
