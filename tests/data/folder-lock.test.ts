/**
 * Batch and send take the folder lock (the rest of the lock's tests are in
 * tests/unit/folder-lock.test.ts): these run a batch on the real data directory and send to
 * the gemeenten of the real dataset.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockFolder, LOCK_FILE, type LockHolder } from '../../src/util/folder-lock.js';
import { messages } from '../../src/util/messages.js';
import { runSend } from '../../src/send/send.js';
import { rejectedReportError } from '../helpers/errors.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir, realDataset } from '../helpers/data.js';


import { deadPid, exited, holdLock, lockedMessage, readLock, sleeping, tmp, writeLock } from '../helpers/lock-tests.js';

describe('batch and send take the lock', () => {
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  /** A batch folder: one fixture PDF and its manifest, as send reads them. */
  function fixtureBatch(dir: string): void {
    const pdf = Buffer.from('%PDF-1.7 fixture\n');
    writeFileSync(join(dir, 'gm0088.pdf'), pdf);
    const reports = [{ code: 'GM0088', name: 'Schiermonnikoog', file: 'gm0088.pdf', pages: 1, bytes: pdf.length, sha256: sha(pdf), ms: 1, status: 'ok', error: null, inputsHash: 'x', attempts: 1, finishedAt: '' }];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ tool: 'contextkaart', version: '0.1.0', updatedAt: '', set: 'fixture', shard: null, reports }));
  }
  const sendOptions = async (dir: string, recipients: string) => {
    writeFileSync(join(dir, 'besturen.csv'), recipients);
    return {
      manifestPath: join(dir, 'manifest.json'),
      recipientsPath: join(dir, 'besturen.csv'),
      displayRecipients: 'besturen.csv',
      dataset: await realDataset(),
      send: false,
      templatePath: 'templates/mail/contextkaart.hbs',
      displayTemplate: 'templates/mail/contextkaart.hbs',
      maxBytes: 10 * 2 ** 20,
      resendChanged: false,
      perMinute: 60,
      retries: 0,
      backoffMs: 10,
      emlDir: join(dir, 'mail'),
    };
  };

  it('contextkaart batch into a folder a live process holds: exit 75 with the holder named, nothing written', async () => {
    const dir = tmp();
    const path = join(dir, LOCK_FILE);
    const sleeper = sleeping();
    const held = writeLock(path, { pid: sleeper.pid!, command: 'contextkaart batch (alle 342 gemeenten)' });
    const r = await runCli(['batch', '--gemeenten', 'GM0088', '-o', dir, '--data', dataDir, '--concurrency', '1']);
    expect(r.code).toBe(75);
    expect(r.stderr).toBe(`contextkaart: ${lockedMessage(dir, path, held)}\n`);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    expect(readLock(path)).toEqual(held);
  });

  it('send refuses the folder of a running batch (its manifest and send log), and releases its lock when it fails', async () => {
    const dir = tmp();
    fixtureBatch(dir);
    const path = join(dir, LOCK_FILE);
    const batch = holdLock(path, 'forever', 'contextkaart batch (test)');
    await batch.first;
    const options = await sendOptions(dir, 'bestuur,bevoegd_gezag,email,gemeenten\nStichting Wad,41002,wad@fixture.test,GM0088\n');
    const e = await rejectedReportError(runSend(options));
    expect(e.exitCode).toBe(75);
    expect(e.message).toBe(lockedMessage(dir, path, readLock(path)));
    expect(existsSync(join(dir, 'mail'))).toBe(false);
    batch.child.kill('SIGTERM');
    await exited(batch.child);

    // Once the batch is done, the dry run goes ahead and leaves no lock.
    expect((await runSend(options)).emlFiles).toHaveLength(1);
    expect(existsSync(path)).toBe(false);
    // A send that fails after taking the lock (a recipients file with an unknown gemeente) releases it.
    const bad = await sendOptions(dir, 'bestuur,bevoegd_gezag,email,gemeenten\nStichting Wad,41002,wad@fixture.test,Atlantis\n');
    await rejectedReportError(runSend(bad));
    expect(existsSync(path)).toBe(false);
    await (await lockFolder(dir, { command: 'test' })).release();
  });
});
