import { randomInt } from 'node:crypto';
import { CONNECTOR_CODE_ALPHABET } from '../../core/connector-code.ts';

export function newConnectorCode(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CONNECTOR_CODE_ALPHABET[randomInt(CONNECTOR_CODE_ALPHABET.length)];
  return code;
}
