import type { OcppMessageLog } from './ocpp-message-log.ts';

// The station's new password travels in a SetVariables (2.0.1
// SecurityCtrlr.BasicAuthPassword) or ChangeConfiguration (1.6
// AuthorizationKey); the message log keeps every frame for the console, so
// those values are blanked before they are kept.
export const REDACTED = '[redacted]';

export function redactingMessageLog(log: OcppMessageLog): OcppMessageLog {
  return {
    record(entry) {
      if (entry.kind === 'call' && (entry.action === 'SetVariables' || entry.action === 'ChangeConfiguration')) {
        log.record({ ...entry, payload: redactPayload(entry.action, entry.payload) });
      } else {
        log.record(entry);
      }
    },
  };
}

function redactPayload(action: string, payload: string): string {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (typeof value !== 'object' || value === null) return payload;
  if (action === 'ChangeConfiguration') {
    const req = value as { key?: unknown; value?: unknown };
    return typeof req.key === 'string' && req.key.toLowerCase() === 'authorizationkey' ? JSON.stringify({ ...req, value: REDACTED }) : payload;
  }
  const req = value as { setVariableData?: unknown };
  if (!Array.isArray(req.setVariableData)) return payload;
  const data = req.setVariableData.map((d: unknown) => {
    const item = d as { variable?: { name?: unknown } };
    const name = item.variable?.name;
    return typeof name === 'string' && name.toLowerCase() === 'basicauthpassword' ? { ...(d as object), attributeValue: REDACTED } : d;
  });
  return JSON.stringify({ ...req, setVariableData: data });
}
