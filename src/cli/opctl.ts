import { parseArgs } from 'node:util';
import { isKind, KINDS, renderForCli, UsageError } from './template-render.js';

/** opctl: operator commands for the operations controller. */

const USAGE = `usage: opctl template render --template <file> --data <file> [--kind ${KINDS.join('|')}]

  --kind generic (default) prints the rendered text; the other kinds print the validated result as JSON.
  --data holds a request object for url, input and header templates, {"Headers": {...}, "Body": {...}}
  for output and status templates, and any JSON for generic templates.`;

export function main(argv: string[]): number {
  const [group, command, ...rest] = argv;
  if (group !== 'template' || command !== 'render') {
    console.error(USAGE);
    return 2;
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        template: { type: 'string' },
        data: { type: 'string' },
        kind: { type: 'string', default: 'generic' },
      },
      strict: true,
    });
    const kind = values.kind ?? 'generic';
    if (!values.template || !values.data) throw new UsageError('--template and --data are required');
    if (!isKind(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
    const out = renderForCli(kind, values.template, values.data);
    process.stdout.write(kind === 'generic' ? out : `${out}\n`);
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    if (err instanceof UsageError) console.error(USAGE);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
