import { en } from './en.ts';
import { nb } from './nb.ts';
import type { Language } from './language.ts';
import type { Messages } from './messages.ts';

const BY_LANGUAGE: Record<Language, Messages> = { nb, en };

export function messagesFor(language: Language): Messages {
  return BY_LANGUAGE[language];
}
