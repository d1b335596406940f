/** The options of a real send from a batch folder (manifest.json, besturen.csv, mail/) to a test SMTP server. */
import { join } from 'node:path';
import type { SendOptions } from '../../src/send/send.js';
import { resolveSmtp } from '../../src/send/smtp.js';
import { realDataset } from './data.js';

export async function sendOptions(dir: string, smtpUrl: string, over: Partial<SendOptions> = {}): Promise<SendOptions> {
  return {
    manifestPath: join(dir, 'manifest.json'),
    recipientsPath: join(dir, 'besturen.csv'),
    displayRecipients: 'besturen.csv',
    dataset: await realDataset(),
    send: true,
    smtp: resolveSmtp({ smtp: smtpUrl, env: {} }),
    from: 'Programma Fixture <programma@fixture.test>',
    templatePath: 'templates/mail/contextkaart.hbs',
    displayTemplate: 'templates/mail/contextkaart.hbs',
    maxBytes: 10 * 2 ** 20,
    resendChanged: false,
    perMinute: 60_000,
    retries: 2,
    backoffMs: 10,
    emlDir: join(dir, 'mail'),
    ...over,
  };
}
