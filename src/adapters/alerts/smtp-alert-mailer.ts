import nodemailer from 'nodemailer';
import type { AlertMailer, DeliveryOutcome } from '../../usecases/ports/alerts.ts';

export interface AlertMailSettings {
  // smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465
  smtpUrl: string;
  to: string[];
  from: string;
}

// Alerts by e-mail through the operator's SMTP server (nodemailer).
export function smtpAlertMailer(s: AlertMailSettings): AlertMailer & { close(): void } {
  const transport = nodemailer.createTransport(s.smtpUrl);
  return {
    async send(mail): Promise<DeliveryOutcome> {
      try {
        await transport.sendMail({ from: s.from, to: s.to, subject: mail.subject, text: mail.text });
        return { ok: true };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    close: () => transport.close(),
  };
}
