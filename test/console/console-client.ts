// A browser stand-in for the console over plain HTTP: keeps cookies, posts
// forms, never follows redirects (tests look at them).

export interface Answer {
  status: number;
  location: string | null;
  headers: Headers;
  text: string;
  setCookies: string[];
}

export class ConsoleClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  private async send(path: string, init: RequestInit): Promise<Answer> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${this.base}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...this.extraHeaders, ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> | undefined) },
    });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location'), headers: res.headers, text: await res.text(), setCookies };
  }

  get(path: string): Promise<Answer> {
    return this.send(path, { method: 'GET' });
  }

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send(path, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  // A form with a file, as a browser sends it (fetch sets the multipart boundary).
  postMultipart(path: string, form: FormData, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send(path, { method: 'POST', body: form, headers });
  }

  // The CSRF value of the first form on a page.
  static csrfOf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m?.[1]) throw new Error('no CSRF field on the page');
    return m[1];
  }

  // The refund form's one-time nonce: the same form submitted twice refunds once.
  static nonceOf(html: string): string {
    const m = /name="nonce" value="([^"]+)"/.exec(html);
    if (!m?.[1]) throw new Error('no refund nonce on the page');
    return m[1];
  }

  async csrf(path = '/console'): Promise<string> {
    return ConsoleClient.csrfOf((await this.get(path)).text);
  }

  async login(email: string, password: string): Promise<Answer> {
    const page = await this.get('/console/login');
    return this.post('/console/login', { _csrf: ConsoleClient.csrfOf(page.text), email, password, next: '/console' });
  }
}
