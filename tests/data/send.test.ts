/**
 * Sending against a real SMTP server on 127.0.0.1. The PDFs are small fixture
 * files written by the test (not contextkaarten); the manifest vouches for their sha256.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { runSend, type SendEvent, type SendOptions } from '../../src/send/send.js';
import { ReportError } from '../../src/util/errors.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { sendOptions } from '../helpers/send-options.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let dir: string;
let smtp: TestSmtp;

function writeFixtureBatch(codes: Record<string, string>, bytes = 2000): void {
  const reports = Object.entries(codes).map(([code, name]) => {
    const file = `${code.toLowerCase()}.pdf`;
    const content = Buffer.concat([Buffer.from(`%PDF-1.7 fixture ${code}\n`), Buffer.alloc(bytes, code.charCodeAt(5))]);
    writeFileSync(join(dir, file), content);
    return { code, name, file, pages: 1, bytes: content.length, sha256: sha(content), ms: 1, status: 'ok', error: null, inputsHash: 'x', attempts: 1, finishedAt: '' };
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ tool: 'contextkaart', version: '0.1.0', updatedAt: '', set: 'fixture', shard: null, reports }));
}

const RECIPIENTS = 'bestuur,bevoegd_gezag,email,gemeenten\nStichting Fixture Noord,41001,noord@fixture.test;bestuur@noord.test,Amsterdam;GM0599\nStichting Fixture Wad,41002,wad@fixture.test,GM0088\n';

async function send(over: Partial<SendOptions> = {}, events: SendEvent[] = []) {
  return runSend(await sendOptions(dir, smtp.url, { onEvent: (e) => events.push(e), ...over }));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'contextkaart-send-'));
  writeFixtureBatch({ GM0363: 'Amsterdam', GM0599: 'Rotterdam', GM0088: 'Schiermonnikoog' });
  writeFileSync(join(dir, 'besturen.csv'), RECIPIENTS);
});
afterEach(async () => smtp?.close());

describe('sending', () => {
  it('delivers to the right boards with subject, body and the PDFs of their gemeenten', async () => {
    smtp = await startTestSmtp();
    const s = await send();
    expect(s).toMatchObject({ planned: 2, sent: 2, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const shaOf = (code: string) => manifest.reports.find((r: { code: string }) => r.code === code).sha256;
    const noord = smtp.received.find((m) => m.envelopeTo.includes('noord@fixture.test'))!;
    expect(noord.envelopeTo.sort()).toEqual(['bestuur@noord.test', 'noord@fixture.test']);
    expect(noord.mail.subject).toBe('Contextkaart kansengelijkheid Amsterdam en Rotterdam');
    expect(noord.mail.text).toContain('Beste Stichting Fixture Noord,');
    expect(noord.mail.text).toContain('de gemeenten Amsterdam en Rotterdam');
    expect(noord.mail.attachments.map((a) => a.filename)).toEqual(['contextkaart-gm0363-amsterdam.pdf', 'contextkaart-gm0599-rotterdam.pdf']);
    expect(noord.mail.attachments.map((a) => sha(a.content))).toEqual([shaOf('GM0363'), shaOf('GM0599')]);
    const wad = smtp.received.find((m) => m.envelopeTo.includes('wad@fixture.test'))!;
    expect(wad.mail.attachments.map((a) => sha(a.content))).toEqual([shaOf('GM0088')]);
    expect(wad.mail.text).toContain('de gemeente Schiermonnikoog');
    const lines = readFileSync(join(dir, 'send-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // Per message: sending, committing (before the final "."), sent.
    const log = lines.filter((l) => l.event === 'sent');
    expect(log.map((l) => l.bevoegdGezag).sort()).toEqual(['41001', '41002']);
    expect(log[0].messageId).toMatch(/^<.+@fixture\.test>$/);
    for (const sent of log) expect(lines.filter((l) => l.messageId === sent.messageId).map((l) => l.event)).toEqual(['sending', 'committing', 'sent']);
    expect(noord.mail.messageId).toBe(log.find((l) => l.bevoegdGezag === '41001').messageId);
  });

  it('a rerun sends nothing; a changed PDF only with --resend-changed', async () => {
    smtp = await startTestSmtp();
    await send();
    const again = await send();
    expect(again).toMatchObject({ planned: 0, sent: 0, upToDate: 2 });
    expect(smtp.received).toHaveLength(2);
    // Rotterdam is rendered again: a new PDF.
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const rotterdam = manifest.reports.find((r: { code: string }) => r.code === 'GM0599');
    const content = Buffer.from('%PDF-1.7 fixture GM0599, rendered again\n');
    writeFileSync(join(dir, rotterdam.file), content);
    Object.assign(rotterdam, { sha256: sha(content), bytes: content.length });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const held = await send();
    expect(held).toMatchObject({ planned: 0, sent: 0, changedNotSent: 1 });
    const resent = await send({ resendChanged: true });
    expect(resent).toMatchObject({ planned: 1, sent: 1 });
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received[2].mail.attachments.map((a) => a.filename)).toEqual(['contextkaart-gm0599-rotterdam.pdf']);
  });

  it('a refused recipient is reported and the others are sent', async () => {
    smtp = await startTestSmtp({ refuse: ['wad@fixture.test'] });
    const events: SendEvent[] = [];
    const s = await send({}, events);
    expect(s).toMatchObject({ sent: 1, failed: 1 });
    expect(smtp.received).toHaveLength(1);
    const failed = events.find((e) => e.type === 'message' && e.status === 'failed') as Extract<SendEvent, { type: 'message' }>;
    expect(failed.planned.recipient.bevoegdGezag).toBe('41002');
    expect(failed.detail).toContain('550');
    // The next run tries only the one that failed.
    smtp.close();
    smtp = await startTestSmtp();
    const rerun = await send();
    expect(rerun).toMatchObject({ planned: 1, sent: 1 });
  });

  it('retries a temporary error with backoff', async () => {
    smtp = await startTestSmtp({ busyOnce: ['wad@fixture.test'] });
    const events: SendEvent[] = [];
    const s = await send({}, events);
    expect(s).toMatchObject({ sent: 2, failed: 0 });
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
  });

  it('keeps to the rate limit', async () => {
    smtp = await startTestSmtp();
    const t0 = Date.now();
    await send({ perMinute: 300 }); // one message per 200 ms
    // A lower bound: the sender waited between the two messages. A slow machine only adds to it.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });

  it('splits attachments over several messages past the size limit', async () => {
    smtp = await startTestSmtp();
    const s = await send({ maxBytes: 3000 });
    expect(s).toMatchObject({ planned: 3, sent: 3 });
    const subjects = smtp.received.map((m) => m.mail.subject).sort();
    expect(subjects).toContain('Contextkaart kansengelijkheid Amsterdam en Rotterdam (deel 1 van 2)');
    expect(subjects).toContain('Contextkaart kansengelijkheid Amsterdam en Rotterdam (deel 2 van 2)');
  });
});

describe('the dry run', () => {
  it('sends nothing and writes each message as an .eml file to look at', async () => {
    smtp = await startTestSmtp();
    const s = await send({ send: false, smtp: undefined });
    expect(smtp.received).toHaveLength(0);
    expect(readdirSync(join(dir, 'mail')).sort()).toEqual(['41001-deel-1-van-1.eml', '41002-deel-1-van-1.eml']);
    expect(s.emlFiles).toHaveLength(2);
    const eml = await simpleParser(readFileSync(join(dir, 'mail', '41001-deel-1-van-1.eml')));
    expect(eml.subject).toBe('Contextkaart kansengelijkheid Amsterdam en Rotterdam');
    expect(eml.attachments).toHaveLength(2);
    expect(readdirSync(dir)).not.toContain('send-log.jsonl');
  });
});

describe('checks before anything is sent', () => {
  it('lists every bad row: address, unknown gemeente, missing from the manifest, duplicates', async () => {
    smtp = await startTestSmtp();
    writeFileSync(
      join(dir, 'besturen.csv'),
      'bestuur,bevoegd_gezag,email,gemeenten\nA,41001,geen-adres,Amsterdam\nB,41002,b@fixture.test,Amsterdm\nC,41003,c@fixture.test,Utrecht\nD,41001,d@fixture.test,GM0088\n',
    );
    try {
      await send();
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(ReportError);
      const err = e as ReportError;
      expect(err.exitCode).toBe(3);
      expect(err.message).toBe('besturen.csv: 4 problems in the recipients; nothing was sent:');
      const lines = err.detail!.split('\n');
      expect(lines[0]).toBe('besturen.csv:2: email: "geen-adres" is not an e-mail address. Correct it (name@domain.nl); separate several with ";".');
      expect(lines[1]).toMatch(/^besturen\.csv:3: gemeenten: unknown gemeente "Amsterdm"\. Did you mean Amsterdam \(GM0363\)/);
      expect(lines[2]).toMatch(/^besturen\.csv:4: gemeenten: Utrecht \(GM0344\) has no contextkaart in the manifest\./);
      expect(lines[3]).toBe('besturen.csv:5: bevoegd_gezag: 41001 also on line 2. Give each board one row; put all its gemeenten in that row.');
    }
    expect(smtp.received).toHaveLength(0);
  });

  it('never prints the SMTP password, also when the login fails', async () => {
    smtp = await startTestSmtp({ refuseLogin: true });
    const r = await runCli([
      'send', '--manifest', join(dir, 'manifest.json'), '--recipients', join(dir, 'besturen.csv'), '--send',
      '--smtp', `smtp://gebruiker:Geheim-Wachtwoord-123@127.0.0.1:${smtp.port}`, '--from', 'x@fixture.test', '--data', dataDir, '--retries', '0',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FAILED');
    expect(r.stderr).toContain('535');
    expect(r.stderr + r.stdout).not.toContain('Geheim-Wachtwoord-123');
  });

  it('needs a sender and an SMTP server to really send', async () => {
    const r = await runCli(['send', '--manifest', join(dir, 'manifest.json'), '--recipients', join(dir, 'besturen.csv'), '--send', '--data', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no SMTP server given');
  });
});
