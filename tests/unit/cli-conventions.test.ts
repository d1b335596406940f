/**
 * The CLI's conventions (issue 23): subcommands with their own help, suggestions for typos,
 * completion, one language and number format, --json, a real sender for send --send, preview --open.
 * No real data and no browser: every command here stops before either is needed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { cliKb, cliNumber, cliSeconds } from '../../src/util/cli-number.js';
import { checkSender, PLACEHOLDER_FROM } from '../../src/send/send.js';
import { messages } from '../../src/util/messages.js';
import { ReportError } from '../../src/util/errors.js';
import { OPENER_ENV, openerFor, openUrl } from '../../src/cli/open-url.js';
import { sourceModules } from '../../src/data/sources/index.js';
import { fetchTables } from '../../src/fetch/catalogue.js';
import { WAIT_MS } from '../helpers/timeouts.js';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'contextkaart-cli-'));
});

describe('suggestions', () => {
  it('a mistyped command: exit 2, the command it is near', async () => {
    const r = await runCli(['rendr', 'GM0363']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('contextkaart: unknown command "rendr"; did you mean render?');
    const data = await runCli(['data', 'fecth']);
    expect(data.code).toBe(2);
    expect(data.stderr).toContain('unknown command "fecth"; did you mean fetch?');
    expect(data.stderr).toContain('Run `contextkaart data --help` for usage.');
  });

  it("a mistyped option: the nearest of that command's own options, and that command's help", async () => {
    const r = await runCli(['render', 'GM0363', '--outptu', 'x.pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('contextkaart: unknown option --outptu; did you mean --output?');
    expect(r.stderr).toContain('Run `contextkaart render --help` for usage.');
    const fetch = await runCli(['data', 'fetch', '--dryrun', '--max-page', '3', '--zzzzzz']);
    expect(fetch.code).toBe(2);
    expect(fetch.stderr).toContain('unknown option --dryrun; did you mean --dry-run?\nunknown option --max-page; did you mean --max-pages?\nunknown option --zzzzzz\n');
    expect(fetch.stderr).toContain('Run `contextkaart data fetch --help` for usage.');
    // --output is an option of data pack, not of data status: no suggestion from another command.
    const status = await runCli(['data', 'status', '--outpt', 'x']);
    expect(status.stderr).toContain('unknown option --outpt\n');
    expect(status.stderr).not.toContain('did you mean');
    const stray = await runCli(['data', 'status', 'extra']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('contextkaart: unexpected argument "extra"\nRun `contextkaart data status --help` for usage.');
  });
});

describe('data subcommands', () => {
  it('each has its own help with its own options only', async () => {
    const fetch = await runCli(['data', 'fetch', '--help']);
    expect(fetch.code).toBe(0);
    expect(fetch.stdout).toContain('contextkaart data fetch');
    expect(fetch.stdout).toContain('--max-pages');
    expect(fetch.stdout).toContain('--dry-run');
    expect(fetch.stdout).not.toContain('--output');
    expect(fetch.stdout).not.toContain('unpack');
    const pack = await runCli(['data', 'pack', '--help']);
    expect(pack.stdout).toContain('--output');
    expect(pack.stdout).not.toContain('--max-pages');
    const status = await runCli(['data', 'status', '--help']);
    expect(status.stdout).toContain('--json');
    expect(status.stdout).not.toContain('--dry-run');
  });

  it('`data` alone names them (exit 2); `data --help` lists them', async () => {
    const r = await runCli(['data']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give a data command: fetch, import, status, check, pack, unpack.');
    const help = await runCli(['data', '--help']);
    expect(help.code).toBe(0);
    for (const c of ['fetch', 'import [source]', 'status', 'check', 'pack', 'unpack [source]']) expect(help.stdout).toContain(`contextkaart data ${c}`);
  });

  it('data status --json: the tables on stdout, present or not, with their sha256', async () => {
    const file = fetchTables[0].file;
    mkdirSync(dirname(join(tmp, file)), { recursive: true });
    writeFileSync(join(tmp, file), 'a;b\n1;2\n');
    const r = await runCli(['data', 'status', '--json', '--data', tmp]);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(status).toMatchObject({ dir: tmp, describedBy: 'source registry' });
    const present = status.tables.filter((t: { present: boolean }) => t.present);
    expect(present).toEqual([expect.objectContaining({ path: file, sha256: createHash('sha256').update('a;b\n1;2\n').digest('hex') })]);
    expect(status.tables.length).toBeGreaterThan(1);
    // The human table is a log: stderr.
    expect(r.stderr).toContain('MISSING');
    // An optional table that is not there is not called missing.
    const optional = sourceModules.find((m) => m.optional)!.sources[0].file;
    expect(r.stderr).toMatch(new RegExp(`${optional.replace(/[.]/g, '\\.')}\\s.*absent \\(optional\\)`));
  });
});

describe('completion', () => {
  it('prints a bash completion script', async () => {
    const r = await runCli(['completion']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('_contextkaart_yargs_completions()');
    expect(r.stdout).toMatch(/complete -o bashdefault -o default -F _contextkaart_yargs_completions contextkaart/);
    // The script is valid bash.
    execFileSync('bash', ['-n'], { input: r.stdout });
  });

  it('completing "ren" offers render; "data f" offers fetch; a command\'s options after it', async () => {
    const words = async (...line: string[]) => (await runCli(['--get-yargs-completions', 'contextkaart', ...line])).stdout.trim().split('\n');
    // The script hands the candidates to compgen, which keeps those starting with the word typed.
    const offered = (candidates: string[], typed: string) => execFileSync('bash', ['-c', 'compgen -W "$1" -- "$2"', '_', candidates.join(' '), typed], { encoding: 'utf8' }).trim().split('\n');
    expect(offered(await words('ren'), 'ren')).toEqual(['render']);
    expect(offered(await words('data', 'f'), 'f')).toEqual(['fetch']);
    expect(offered(await words('render', 'GM0363', '--out'), '--out')).toEqual(['--output']);
  });
});

describe('one language, one number format', () => {
  it('--help is English', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toContain('Makes a contextkaart kansengelijkheid');
    expect(r.stdout).not.toMatch(/Maakt|openbare cijfers/);
  });

  it('CLI numbers: comma thousands, point decimals', () => {
    expect(cliNumber(1455.4)).toBe('1,455');
    expect(cliKb(1455 * 1024)).toBe('1,455 kB');
    expect(cliSeconds(12_345)).toBe('12.3 s');
    expect(cliNumber(0.5, 1)).toBe('0.5');
  });
});

describe('send needs a real sender', () => {
  let savedFrom: string | undefined;
  beforeEach(() => {
    savedFrom = process.env.SMTP_FROM;
    delete process.env.SMTP_FROM;
  });
  afterEach(() => {
    if (savedFrom === undefined) delete process.env.SMTP_FROM;
    else process.env.SMTP_FROM = savedFrom;
  });
  const sendArgs = (...extra: string[]) => ['send', '--manifest', join(tmp, 'manifest.json'), '--recipients', join(tmp, 'besturen.csv'), '--data', join(tmp, 'no-data'), ...extra];

  it('--send without --from, SMTP_FROM or "from" in the config: exit 2 naming the fix, before any data is read', async () => {
    const r = await runCli(sendArgs('--send', '--smtp', 'smtp://127.0.0.1:9'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`contextkaart: ${messages.sendNoSender(PLACEHOLDER_FROM)}`);
    expect(r.stderr).toContain('--from');
    expect(r.stderr).toContain('SMTP_FROM');
  });

  it('--send with the placeholder or another .invalid sender: exit 2', async () => {
    const r = await runCli(sendArgs('--send', '--smtp', 'smtp://127.0.0.1:9', '--from', PLACEHOLDER_FROM));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(messages.sendInvalidSender(PLACEHOLDER_FROM));
  });

  it('a sender from SMTP_FROM or the SMTP config is taken: the run goes on (to the missing data, exit 3)', async () => {
    process.env.SMTP_FROM = 'Programma GKA <gka@example.nl>';
    const env = await runCli(sendArgs('--send', '--smtp', 'smtp://127.0.0.1:9'));
    expect(env.stderr).not.toContain('needs a real sender');
    expect(env.code).toBe(3);
    delete process.env.SMTP_FROM;
    writeFileSync(join(tmp, 'smtp.json'), JSON.stringify({ host: '127.0.0.1', port: 9, from: 'Programma GKA <gka@example.nl>' }));
    const config = await runCli(sendArgs('--send', '--smtp-config', join(tmp, 'smtp.json')));
    expect(config.stderr).not.toContain('needs a real sender');
    expect(config.code).toBe(3);
  });

  it('a dry run without a sender warns on stderr and goes on', async () => {
    const r = await runCli(sendArgs());
    expect(r.stderr).toContain(`contextkaart: ${messages.sendPlaceholderSender(PLACEHOLDER_FROM)}`);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  });

  it('checkSender, as runSend applies it', () => {
    expect(() => checkSender(undefined, true)).toThrow(ReportError);
    expect(() => checkSender('  ', true)).toThrow(messages.sendNoSender(PLACEHOLDER_FROM));
    expect(() => checkSender('x@y.invalid', true)).toThrow(messages.sendInvalidSender('x@y.invalid'));
    expect(checkSender('Programma <gka@example.nl>', true)).toBeUndefined();
    expect(checkSender(undefined, false)).toBe(messages.sendPlaceholderSender(PLACEHOLDER_FROM));
  });
});

describe('preview --open', () => {
  it('the opener of each platform', () => {
    const url = 'http://127.0.0.1:4321/';
    expect(openerFor(url, 'linux', {})).toEqual({ command: 'xdg-open', args: [url] });
    expect(openerFor(url, 'darwin', {})).toEqual({ command: 'open', args: [url] });
    expect(openerFor(url, 'win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] });
    expect(openerFor(url, 'linux', { [OPENER_ENV]: '/usr/bin/firefox' })).toEqual({ command: '/usr/bin/firefox', args: [url] });
  });

  it(`runs $${OPENER_ENV} with the URL; a missing opener is a reason, not a crash`, async () => {
    const seen = join(tmp, 'seen.txt');
    const opener = join(tmp, 'opener.sh');
    writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}'\n`);
    chmodSync(opener, 0o755);
    expect(await openUrl('http://127.0.0.1:4321/', 'linux', { [OPENER_ENV]: opener })).toEqual({ ok: true });
    const deadline = Date.now() + WAIT_MS;
    while (!existsSync(seen) || !readFileSync(seen, 'utf8')) {
      if (Date.now() > deadline) throw new Error('the opener was not run');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(readFileSync(seen, 'utf8')).toBe('http://127.0.0.1:4321/\n');
    expect(await openUrl('http://127.0.0.1:4321/', 'linux', { [OPENER_ENV]: join(tmp, 'no-such-opener') })).toEqual({ ok: false, command: join(tmp, 'no-such-opener'), reason: 'not found' });
  });
});
