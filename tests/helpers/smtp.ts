/** A real SMTP server on 127.0.0.1 for the tests, keeping every message it accepts, parsed. */
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface TestSmtp {
  url: string;
  port: number;
  received: { envelopeTo: string[]; mail: ParsedMail }[];
  close: () => Promise<void>;
}

export async function startTestSmtp(options: {
  /** Addresses answered with a permanent 550. */
  refuse?: string[];
  /** Addresses answered once with a temporary 451, then accepted. */
  busyOnce?: string[];
  /** Require AUTH and refuse every login (535). */
  refuseLogin?: boolean;
} = {}): Promise<TestSmtp> {
  const received: TestSmtp['received'] = [];
  const busy = new Set(options.busyOnce ?? []);
  const server = new SMTPServer({
    disabledCommands: options.refuseLogin ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.refuseLogin,
    allowInsecureAuth: true,
    logger: false,
    onAuth(_auth, _session, cb) {
      const err = new Error('Invalid username or password') as Error & { responseCode: number };
      err.responseCode = 535;
      cb(err);
    },
    onRcptTo(address, _session, cb) {
      if (options.refuse?.includes(address.address)) {
        const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      if (busy.has(address.address)) {
        busy.delete(address.address);
        const err = new Error('Try again later') as Error & { responseCode: number };
        err.responseCode = 451;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          cb();
        })
        .catch(cb);
    },
  } as SMTPServerOptions);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, port, received, close: () => new Promise((r) => server.close(() => r())) };
}
