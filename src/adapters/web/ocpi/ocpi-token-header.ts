// OCPI 2.2.1 Authorization header: "Token", one space, and the credentials
// token encoded with UTF-8 then Base64 (RFC 4648). The spec notes that many
// 2.1.1 and 2.2 implementations send the token unencoded and leaves it to
// "trial and error or configuration flags": Ladepay tries the decoded token
// first, then the header's value as it is. Both are looked up among
// Ladepay's own tokens only, so trying both grants nothing more.

const HEADER = /^Token +([\x21-\x7e]{1,400}) *$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// The tokens a request's Authorization header may carry, most likely first; none when it has no Token.
export function tokensInHeader(header: string | undefined): string[] {
  const value = HEADER.exec(header ?? '')?.[1];
  if (!value) return [];
  const decoded = BASE64.test(value) ? Buffer.from(value, 'base64').toString('utf8') : undefined;
  const printable = decoded !== undefined && /^[\x21-\x7e]{1,64}$/.test(decoded) ? decoded : undefined;
  return printable && printable !== value ? [printable, value] : [value];
}

export function tokenHeader(token: string): string {
  return `Token ${Buffer.from(token, 'utf8').toString('base64')}`;
}
