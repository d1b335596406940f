/** A real SMTP server on 127.0.0.1 for the tests, keeping every message it accepts, parsed. */
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface TestSmtp {
  url: string;
  port: number;
  received: { envelopeTo: string[]; mail: ParsedMail }[];
  /** Breaks every open connection without an answer (as a network failure would). */
  dropConnections: () => void;
  close: () => Promise<void>;
}

export async function startTestSmtp(options: {
  /** Addresses answered with a permanent 550. */
  refuse?: string[];
  /** Addresses answered once with a temporary 451, then accepted. */
  busyOnce?: string[];
  /** Require AUTH and refuse every login (535). */
  refuseLogin?: boolean;
  /** Called at each RCPT TO, with the number of its transaction (0-based, one per MAIL FROM), before the server answers it. */
  onRcpt?: (transaction: number) => Promise<void> | void;
  /**
   * Called when the n-th message (0-based) is complete and kept, before the server answers
   * the final "." with 250: a client gone by then left a message that was accepted all the same.
   */
  beforeReply?: (message: number) => Promise<void> | void;
} = {}): Promise<TestSmtp> {
  const received: TestSmtp['received'] = [];
  const busy = new Set(options.busyOnce ?? []);
  let transactions = 0;
  let messages = 0;
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
    onMailFrom(_address, session, cb) {
      (session as { transaction?: number }).transaction = transactions++;
      cb();
    },
    onRcptTo(address, session, cb) {
      void Promise.resolve(options.onRcpt?.((session as { transaction?: number }).transaction ?? 0)).then(() => {
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
      });
    },
    onData(stream, session, cb) {
      // A connection that closes before the final "." is an error on the stream: nothing is kept.
      const cut = new Promise<never>((_, reject) => stream.once('error', reject));
      Promise.race([simpleParser(stream), cut])
        .then(async (mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          await options.beforeReply?.(messages++);
          cb();
        })
        .catch(cb);
    },
  } as SMTPServerOptions);
  // A client that is killed resets its connection: expected here; anything else stays an error.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') process.nextTick(() => {
      throw err;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const dropConnections = () => {
    for (const c of (server as unknown as { connections: Set<{ _socket: { destroy: () => void } }> }).connections) c._socket.destroy();
  };
  return { url: `smtp://127.0.0.1:${port}`, port, received, dropConnections, close: () => new Promise((r) => server.close(() => r())) };
}
