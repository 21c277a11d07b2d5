import type { SupportContact } from '../../../usecases/ports/support-contact.ts';
import type { Language } from './i18n/language.ts';
import type { Messages } from './i18n/messages.ts';

export interface AssetUrls {
  css: string;
  js: string;
}

// What every page needs besides its own data: the language, its texts, and
// where the shared files live.
export interface PageContext {
  language: Language;
  t: Messages;
  assets: AssetUrls;
  operatorName: string;
  support?: SupportContact;
  // The same page in the other language is this path plus ?lang=…
  path: string;
}
