// The console's parts, as the navigation names them (layout.ts) and the
// messages label them (i18n/messages.ts).
export type Section = 'live' | 'alerts' | 'sessions' | 'reports' | 'stations' | 'sites' | 'tariffs' | 'stickers' | 'sharing' | 'users' | 'tokens' | 'audit';
