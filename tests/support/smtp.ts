import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { createCa, issueServerCert } from "@/lib/server/lab/certificates";

// A real SMTP server on loopback (smtp-server): STARTTLS or TLS from the start with a certificate
// from a throwaway CA, AUTH PLAIN/LOGIN against one account; it keeps every message it accepts.

export interface SmtpPeer {
  port: number;
  caPem: string;
  messages: { from: string; to: string[]; raw: string; user: string | null; secure: boolean }[];
  stop(): Promise<void>;
}

export async function startSmtp(o: {
  secure: boolean;
  auth: { user: string; pass: string } | null;
}): Promise<SmtpPeer> {
  const ca = await createCa("Edgescope SMTP test CA");
  const cert = await issueServerCert(ca, {
    commonName: "localhost",
    dnsNames: ["localhost"],
    ipAddresses: ["127.0.0.1"],
  });
  const messages: SmtpPeer["messages"] = [];
  const server = new SMTPServer({
    secure: o.secure,
    key: cert.keyPem,
    cert: cert.certPem,
    authOptional: !o.auth,
    disabledCommands: o.auth ? [] : ["AUTH"],
    allowInsecureAuth: false,
    logger: false,
    onAuth(auth, _session, cb) {
      if (o.auth && auth.username === o.auth.user && auth.password === o.auth.pass) cb(null, { user: auth.username });
      else cb(new Error("535 5.7.8 Authentication credentials invalid"));
    },
    onData(stream, session, cb) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          user: (session.user as string | undefined) ?? null,
          secure: session.secure,
        });
        cb();
      });
    },
  });
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", () => res()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, caPem: ca.certPem, messages, stop: () => new Promise<void>((res) => server.close(() => res())) };
}
