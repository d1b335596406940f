/**
 * The pieces that make a kill harmless: temp files of dead processes removed, the send
 * log's steps read back into sent / in doubt, a cut log line ended, the plan holding
 * in-doubt messages. A connection that breaks after the final "." (not retried) is in
 * tests/data/crash-safety.test.ts: it sends to the gemeenten of the real dataset.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTempFile, removeStaleTempFiles, writeFileAtomic } from '../../src/util/write-atomic.js';
import { appendSendLog, readSendLog, type SendingEntry } from '../../src/send/send-log.js';
import { planMessages } from '../../src/send/plan.js';
import type { Recipient } from '../../src/send/recipients.js';
import type { ManifestEntry } from '../../src/pipeline/manifest.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'contextkaart-crash-unit-'));
/** The id of a process that has ended. */
const deadPid = () => spawnSync('true').pid;

describe('temp files', () => {
  it('writeFileAtomic leaves the whole file and no temp file', async () => {
    const dir = tmp();
    await writeFileAtomic(join(dir, 'gm0363.pdf'), 'x'.repeat(10_000));
    expect(readdirSync(dir)).toEqual(['gm0363.pdf']);
    expect(readFileSync(join(dir, 'gm0363.pdf'), 'utf8')).toHaveLength(10_000);
  });

  it('removeStaleTempFiles removes those of dead processes only, and nothing else', async () => {
    const dir = tmp();
    const dead = deadPid();
    const names = {
      stale: [`.gm0363.pdf.${dead}.0badc0de.tmp`, `.manifest.json.${dead}.12345678.tmp`],
      live: `.gm0599.pdf.${process.pid}.abcdef01.tmp`,
      other: ['gm0363.pdf', 'manifest.json', '.gm0363.pdf.tmp', 'notes.tmp', `.x.${dead}.nothex!.tmp`],
    };
    for (const n of [...names.stale, names.live, ...names.other]) writeFileSync(join(dir, n), '');
    expect((await removeStaleTempFiles(dir)).sort()).toEqual([...names.stale].sort());
    expect(readdirSync(dir).sort()).toEqual([names.live, ...names.other].sort());
    expect(names.stale.every(isTempFile)).toBe(true);
    expect(isTempFile('gm0363.pdf')).toBe(false);
    expect(await removeStaleTempFiles(join(dir, 'missing'))).toEqual([]);
  });
});

const files = [{ code: 'GM0363', file: 'gm0363.pdf', sha256: 'a'.repeat(64) }];
const sending = (messageId: string, bevoegdGezag = '41001'): SendingEntry => ({ event: 'sending', at: '2026-11-28T10:00:00.000Z', messageId, bevoegdGezag, bestuur: 'B', to: ['b@x.test'], part: 1, parts: 1, files });
const sent = (messageId: string, event?: 'sent' | 'confirmed') => ({ ...(event ? { event } : {}), sentAt: '2026-11-28T10:00:01.000Z', messageId, bevoegdGezag: '41001', bestuur: 'B', to: ['b@x.test'], rejected: [], part: 1, parts: 1, files });

describe('the send log', () => {
  it('reads sent, in doubt and never-handed-over messages apart', async () => {
    const path = join(tmp(), 'send-log.jsonl');
    const lines = [
      sent('<legacy>'), // a line from before the steps: sent
      sending('<a>'),
      { event: 'committing', at: '', messageId: '<a>' },
      sent('<a>', 'sent'),
      sending('<b>'), // killed before the final ".": not sent, not in doubt
      sending('<c>'),
      { event: 'committing', at: '', messageId: '<c>' }, // killed after it: in doubt
      sending('<d>'),
      { event: 'committing', at: '', messageId: '<d>' },
      { event: 'not-sent', at: '', messageId: '<d>', error: '552 too big' }, // refused: settled, not sent
      sending('<e>'),
      { event: 'committing', at: '', messageId: '<e>' },
      sent('<e>', 'confirmed'), // the user said it arrived
    ];
    writeFileSync(path, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{"event":"sent","sentAt":"2026-`);
    const log = await readSendLog(path);
    expect(log.sent.map((e) => e.messageId)).toEqual(['<legacy>', '<a>', '<e>']);
    expect(log.inDoubt.map((e) => e.messageId)).toEqual(['<c>']);
    expect(await readSendLog(join(tmp(), 'none.jsonl'))).toEqual({ sent: [], inDoubt: [] });
  });

  it('a line cut off by a kill is ended before the next is appended', async () => {
    const path = join(tmp(), 'send-log.jsonl');
    writeFileSync(path, `${JSON.stringify(sent('<a>', 'sent'))}\n{"event":"sending","at":"20`);
    await appendSendLog(path, sent('<b>', 'sent'));
    await appendSendLog(path, sent('<c>', 'sent'));
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe('{"event":"sending","at":"20');
    expect(lines.at(-1)).toBe('');
    expect((await readSendLog(path)).sent.map((e) => e.messageId)).toEqual(['<a>', '<b>', '<c>']);
  });
});

describe('planning around in-doubt messages', () => {
  const report = (code: string, sha: string): ManifestEntry => ({ code, name: code, file: `${code.toLowerCase()}.pdf`, pages: 1, bytes: 100, sha256: sha, ms: 1, status: 'ok', error: null, inputsHash: 'x', attempts: 1, finishedAt: '' });
  const board: Recipient = { line: 2, bestuur: 'B', bevoegdGezag: '41001', emails: ['b@x.test'], reports: [report('GM0363', 'a'.repeat(64)), report('GM0599', 'b'.repeat(64))] };
  const log = { sent: [], inDoubt: [sending('<doubt>')] };

  it('hold: the in-doubt gemeente is not planned, the rest is; the board is not up to date', () => {
    const plan = planMessages([board], log, '/x', { maxBytes: 1e9, resendChanged: false });
    expect(plan.messages.map((m) => m.reports.map((r) => r.code))).toEqual([['GM0599']]);
    expect(plan.messages[0].messageId).toBeUndefined();
    expect(plan.inDoubt.map((m) => m.messageId)).toEqual(['<doubt>']);
    const only = planMessages([{ ...board, reports: [board.reports[0]] }], log, '/x', { maxBytes: 1e9, resendChanged: false });
    expect(only.messages).toEqual([]);
    expect(only.upToDate).toEqual([]);
  });

  it('resend: planned again, with its Message-ID when the attachments are the same', () => {
    const same = planMessages([{ ...board, reports: [board.reports[0]] }], log, '/x', { maxBytes: 1e9, resendChanged: false, inDoubt: 'resend' });
    expect(same.messages.map((m) => m.messageId)).toEqual(['<doubt>']);
    const more = planMessages([board], log, '/x', { maxBytes: 1e9, resendChanged: false, inDoubt: 'resend' });
    expect(more.messages.map((m) => [m.reports.length, m.messageId])).toEqual([[2, undefined]]);
  });
});

