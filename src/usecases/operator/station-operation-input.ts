// Checks on what an operator asks a station to do, before anything is sent.

// Passwords are changed through the station door (docs/security.md), which
// keeps the old one valid until the station comes back with the new one;
// set by hand here, the secret would land in the audit log and could lock
// the station out.
const PASSWORD_KEYS = ['authorizationkey', 'securityctrlr.basicauthpassword'];

export function checkConfigurationKey(key: string, value: string, protocol: string | null): string | undefined {
  if (value.length > 1000) return 'A value of at most 1000 characters is allowed.';
  if (PASSWORD_KEYS.includes(key.toLowerCase())) return 'The station password is changed with "Change over OCPP" (the station door), not as a configuration key.';
  return checkKeyName(key, protocol);
}

export function checkKeyName(key: string, protocol: string | null): string | undefined {
  if (key.length < 1 || key.length > 100) return 'A key of 1 to 100 characters is required.';
  // OCPP 2.0.1 B05/B06: a variable is named by its component and its own name.
  if ((protocol === 'ocpp2.0.1' || protocol === 'ocpp2.1') && !/^[A-Za-z0-9_*-]{1,50}\.[A-Za-z0-9_*-]{1,50}$/.test(key)) {
    return `On OCPP 2.x a key is Component.Variable, e.g. OCPPCommCtrlr.HeartbeatInterval ("${key}" is not).`;
  }
  return undefined;
}

// Where a station fetches firmware from or uploads its diagnostics to
// (OCPP 1.6 anyURI; 2.0.1 string[0..512]).
export function checkTransferLocation(location: string): string | undefined {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return 'The location must be a full URL, e.g. https://files.example.com/firmware.bin.';
  }
  if (location.length > 512) return 'The location may be at most 512 characters.';
  if (!['http:', 'https:', 'ftp:', 'ftps:', 'sftp:'].includes(url.protocol)) return 'The location must be an http(s), ftp(s) or sftp URL.';
  return undefined;
}
