/**
 * The piece of crash safety that needs the real dataset (the gemeenten of the recipients): a
 * connection that breaks after the final "." is not retried. The other pieces are in
 * tests/unit/crash-safety.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSendLog } from '../../src/send/send-log.js';
import { runSend, type SendEvent } from '../../src/send/send.js';
import { messages } from '../../src/util/messages.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { sendOptions } from '../helpers/send-options.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'contextkaart-crash-unit-'));

describe('a connection that breaks after the whole message went out', () => {
  let smtp: TestSmtp | undefined;
  afterEach(async () => smtp?.close());

  it('is not retried: it is reported in doubt, and the next run holds it', async () => {
    const dir = tmp();
    const content = Buffer.from('%PDF-1.7 fixture GM0088\n');
    const sha = createHash('sha256').update(content).digest('hex');
    writeFileSync(join(dir, 'gm0088.pdf'), content);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ tool: 'contextkaart', version: '0.1.0', updatedAt: '', set: 'x', shard: null, reports: [{ code: 'GM0088', name: 'Schiermonnikoog', file: 'gm0088.pdf', pages: 1, bytes: content.length, sha256: sha, ms: 1, status: 'ok', error: null, inputsHash: 'x', attempts: 1, finishedAt: '' }] }));
    writeFileSync(join(dir, 'besturen.csv'), 'bestuur,bevoegd_gezag,email,gemeenten\nStichting Wad,41003,wad@fixture.test,GM0088\n');
    let drop = true;
    smtp = await startTestSmtp({ beforeReply: () => (drop ? smtp!.dropConnections() : undefined) });
    const options = await sendOptions(dir, smtp.url, { from: 'Programma <programma@fixture.test>', retries: 3 });
    const events: SendEvent[] = [];
    const first = await runSend({ ...options, onEvent: (e) => events.push(e) });
    expect(first).toMatchObject({ sent: 0, failed: 1, inDoubt: 1 });
    expect(events.filter((e) => e.type === 'retry')).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    const { inDoubt } = await readSendLog(join(dir, 'send-log.jsonl'));
    expect(inDoubt.map((m) => m.messageId)).toEqual([smtp.received[0].mail.messageId]);
    const failed = events.find((e) => e.type === 'message') as Extract<SendEvent, { type: 'message' }>;
    expect(failed.detail).toBe(messages.sendInDoubt('Stichting Wad', '41003', ['wad@fixture.test'], inDoubt[0].messageId, inDoubt[0].at));

    drop = false;
    const second = await runSend(options);
    expect(second).toMatchObject({ planned: 0, sent: 0, inDoubt: 1 });
    expect(smtp.received).toHaveLength(1);
  });
});
