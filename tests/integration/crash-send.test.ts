/**
 * `send` killed with SIGKILL in the middle of a run, against a real SMTP server on
 * 127.0.0.1 that holds its answer at the moment the test kills the client. The PDFs are
 * small fixture files the manifest vouches for. What the log says must match what the
 * server got, and no board gets a contextkaart twice unless the user asks for it.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDir, realDataset } from '../helpers/data.js';
import { runCli } from '../helpers/run-cli.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { readSendLog, type SendLogLine } from '../../src/send/send-log.js';
import { messages } from '../../src/util/messages.js';

const BOARDS = [
  { bestuur: 'Stichting Fixture Amstel', id: '41001', email: 'amstel@fixture.test', code: 'GM0363', name: 'Amsterdam' },
  { bestuur: 'Stichting Fixture Maas', id: '41002', email: 'maas@fixture.test', code: 'GM0599', name: 'Rotterdam' },
  { bestuur: 'Stichting Fixture Wad', id: '41003', email: 'wad@fixture.test', code: 'GM0088', name: 'Schiermonnikoog' },
];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let dir: string;
let smtp: TestSmtp;

beforeAll(async () => {
  await realDataset(); // loaded once for the in-process reruns
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'contextkaart-crash-send-'));
  const reports = BOARDS.map((b) => {
    const content = Buffer.concat([Buffer.from(`%PDF-1.7 fixture ${b.code}\n`), Buffer.alloc(20_000, b.code.charCodeAt(5))]);
    const file = `${b.code.toLowerCase()}.pdf`;
    writeFileSync(join(dir, file), content);
    return { code: b.code, name: b.name, file, pages: 1, bytes: content.length, sha256: sha(content), ms: 1, status: 'ok', error: null, inputsHash: 'x', attempts: 1, finishedAt: '' };
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ tool: 'contextkaart', version: '0.1.0', updatedAt: '', set: 'fixture', shard: null, reports }));
  writeFileSync(join(dir, 'besturen.csv'), `bestuur,bevoegd_gezag,email,gemeenten\n${BOARDS.map((b) => `${b.bestuur},${b.id},${b.email},${b.code}`).join('\n')}\n`);
});
afterEach(async () => smtp?.close());

const args = (d: string) => ['send', '--manifest', join(d, 'manifest.json'), '--recipients', join(d, 'besturen.csv'), '--send', '--smtp', smtp.url, '--from', 'Programma Fixture <programma@fixture.test>', '--rate', '60000', '--data', dataDir];
const logLines = (d: string): SendLogLine[] =>
  readFileSync(join(d, 'send-log.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SendLogLine);
/** Messages the server kept, per board. */
const receivedBy = () => Object.fromEntries(BOARDS.map((b) => [b.id, smtp.received.filter((m) => m.envelopeTo.includes(b.email)).length]));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Starts `send` from source in a child; `reached` resolves when the server is at the moment to kill. */
async function sendKilledAt(reached: Promise<void>, release: () => void): Promise<void> {
  const child: ChildProcess = spawn('node', ['--import', 'tsx', 'tests/helpers/cli-source.ts', ...args(dir)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
  await Promise.race([reached, exited.then(() => Promise.reject(new Error(`send ended before the moment to kill it:\n${stderr}`)))]);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  release();
}

describe('send killed with SIGKILL', () => {
  it('after one message and before the next was handed over: the rerun sends the rest, each board once', async () => {
    const atRcpt = deferred();
    const hold = deferred();
    smtp = await startTestSmtp({ onRcpt: (n) => (n === 1 ? (atRcpt.resolve(), hold.promise) : undefined) });
    await sendKilledAt(atRcpt.promise, hold.resolve);
    // The first message is recorded as sent; the second was announced but never reached its final ".".
    const lines = logLines(dir);
    expect(lines.map((l) => l.event)).toEqual(['sending', 'committing', 'sent', 'sending']);
    expect(smtp.received).toHaveLength(1);
    const log = await readSendLog(join(dir, 'send-log.jsonl'));
    expect(log.sent.map((e) => e.messageId)).toEqual([smtp.received[0].mail.messageId]);
    expect(log.inDoubt).toEqual([]);
    // A kill in the middle of writing a line leaves it cut; the next line must not be swallowed.
    appendFileSync(join(dir, 'send-log.jsonl'), '{"event":"sending","at":"2026-11-28T');

    const rerun = await runCli(args(dir));
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain('2 messages to send');
    expect(receivedBy()).toEqual({ 41001: 1, 41002: 1, 41003: 1 });
    const after = readFileSync(join(dir, 'send-log.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(after.filter((l) => !l.endsWith('}'))).toEqual(['{"event":"sending","at":"2026-11-28T']);
    const sent = (await readSendLog(join(dir, 'send-log.jsonl'))).sent;
    expect(sent.map((e) => e.bevoegdGezag).sort()).toEqual(['41001', '41002', '41003']);
    expect(sent.map((e) => e.messageId).sort()).toEqual(smtp.received.map((m) => m.mail.messageId).sort());
    expect((await runCli(args(dir))).stderr).toContain('0 messages to send; 3 boards already up to date');
  });

  it('after the server took a message but before its answer was recorded: held as in doubt, never sent twice unless asked', async () => {
    const taken = deferred();
    const hold = deferred();
    smtp = await startTestSmtp({ beforeReply: (n) => (n === 1 ? (taken.resolve(), hold.promise) : undefined) });
    await sendKilledAt(taken.promise, hold.resolve);
    // The server has two messages; the log shows the second as handed over (committing) but not sent.
    expect(smtp.received).toHaveLength(2);
    const second = smtp.received[1].mail.messageId!;
    expect(logLines(dir).map((l) => [l.event, l.messageId === second])).toEqual([
      ['sending', false],
      ['committing', false],
      ['sent', false],
      ['sending', true],
      ['committing', true],
    ]);
    const { inDoubt } = await readSendLog(join(dir, 'send-log.jsonl'));
    expect(inDoubt.map((m) => [m.bevoegdGezag, m.messageId])).toEqual([['41002', second]]);
    const warning = `contextkaart: ${messages.sendInDoubt('Stichting Fixture Maas', '41002', ['maas@fixture.test'], second, inDoubt[0].at)}`;

    // Rerun: the third board gets its message, the second is named and not sent again; exit 1.
    const rerun = await runCli(args(dir));
    expect(rerun.code).toBe(1);
    expect(rerun.stderr).toContain(warning);
    expect(rerun.stderr).toContain('1 sent, 0 failed; 1 up to date; 1 in doubt, not sent again (see above).');
    expect(receivedBy()).toEqual({ 41001: 1, 41002: 1, 41003: 1 });
    const again = await runCli([...args(dir), '--quiet']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(warning);
    expect(smtp.received).toHaveLength(3);

    // The user asks for it to go again: same Message-ID, so a mailbox that has it can drop the copy.
    const other = mkdtempSync(join(tmpdir(), 'contextkaart-crash-send-resend-'));
    cpSync(dir, other, { recursive: true });
    const resend = await runCli([...args(other), '--in-doubt', 'resend']);
    expect(resend.code).toBe(0);
    expect(smtp.received).toHaveLength(4);
    expect(smtp.received[3].envelopeTo).toEqual(['maas@fixture.test']);
    expect(smtp.received[3].mail.messageId).toBe(second);
    expect((await readSendLog(join(other, 'send-log.jsonl'))).inDoubt).toEqual([]);

    // Or the user found it arrived: recorded as sent, nothing goes out.
    const confirmed = await runCli([...args(dir), '--in-doubt', 'sent']);
    expect(confirmed.code).toBe(0);
    expect(smtp.received).toHaveLength(4);
    expect(logLines(dir).at(-1)).toMatchObject({ event: 'confirmed', messageId: second, bevoegdGezag: '41002' });
    const settled = await runCli(args(dir));
    expect(settled.code).toBe(0);
    expect(settled.stderr).toContain('0 messages to send; 3 boards already up to date');
    expect(settled.stderr).not.toContain('in doubt');
  });
});
