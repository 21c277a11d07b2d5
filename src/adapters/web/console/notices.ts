import { NOTICE_CODES, type Messages, type NoticeCode } from './i18n/messages.ts';

// Confirmations after a form's redirect, by code: the query carries only the
// code, so no text from the URL ever reaches the page.
function isNotice(code: string): code is NoticeCode {
  return (NOTICE_CODES as readonly string[]).includes(code);
}

export function noticeText(code: string, t: Messages): string | undefined {
  return isNotice(code) ? t.notices[code] : undefined;
}
