import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'aes256gcm:v1:';

// Secrets kept at rest in the database, sealed with AES-256-GCM (node:crypto,
// NIST SP 800-38D): a random 96-bit IV per value, the 128-bit tag checked on
// opening. The row's name is the additional data, so a sealed value copied
// into another row does not open there.
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox: the key must be 32 bytes');
  }

  // A name for the key that gives nothing of it away, to tell keys apart in messages.
  get keyId(): string {
    return createHmac('sha256', this.key).update('ladepay secrets key id').digest('hex').slice(0, 12);
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')}`;
  }

  // undefined when the value was sealed with another key, for another row, or altered.
  open(sealed: string, context: string): string | undefined {
    if (!SecretBox.isSealed(sealed)) return undefined;
    const [iv, tag, body, ...rest] = sealed.slice(PREFIX.length).split('.').map((p) => Buffer.from(p, 'base64url'));
    if (!iv || !tag || !body || rest.length > 0 || iv.length !== 12 || tag.length !== 16) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
