import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free loopback port that keeps every message it receives (raw MIME). */
export interface TestSmtp {
  url: string;
  received: { to: string[]; raw: Buffer }[];
  /** Answers for the next RCPT TO commands, e.g. 451 (try later) or 550 (refused); then 250. */
  refuse: number[];
  /** While true, messages are received but never answered with 250 (the sender waits: kill it then). */
  hold: boolean;
  parsed(i: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: TestSmtp['received'] = [];
  const refuse: number[] = [];
  const state = { hold: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refuse.shift();
      if (code) return callback(Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        if (!state.hold) callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    get hold() {
      return state.hold;
    },
    set hold(v: boolean) {
      state.hold = v;
    },
    parsed: (i) => simpleParser(received[i]!.raw),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
