import { COMMAND_OUTCOMES } from '../../../core/vocabulary/command-outcome.ts';
import { TRIGGER_MESSAGES } from '../../../usecases/ports/charger-operations.ts';

// JSON schemas of the station operations in the API (docs/station-operations.md).

const confirm = { type: 'boolean', description: 'true to go ahead although a session is charging at the station (otherwise 409)' } as const;
const connectorNo = { type: 'integer', minimum: 0, maximum: 1000 } as const;
const location = { type: 'string', minLength: 1, maxLength: 512 } as const;

export const resetBody = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: { type: { type: 'string', enum: ['soft', 'hard'], description: 'soft: 1.6 Soft / 2.0.1 OnIdle; hard: 1.6 Hard / 2.0.1 Immediate' }, confirm },
} as const;

export const unlockBody = {
  type: 'object',
  additionalProperties: false,
  required: ['connectorNo'],
  properties: { connectorNo: { ...connectorNo, minimum: 1 }, confirm },
} as const;

export const availabilityBody = {
  type: 'object',
  additionalProperties: false,
  required: ['available'],
  properties: {
    connectorNo: { ...connectorNo, description: 'absent or 0: the whole station' },
    available: { type: 'boolean', description: 'true: Operative, false: Inoperative' },
    confirm,
  },
} as const;

export const configurationQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    key: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 }, description: 'keys to read (repeat ?key=); none: all (1.6) or the well-known set (2.0.1)' },
  },
} as const;

export const configurationChangeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'value'],
  properties: {
    key: { type: 'string', minLength: 1, maxLength: 100, description: '1.6: the configuration key; 2.0.1: Component.Variable (e.g. OCPPCommCtrlr.HeartbeatInterval)' },
    value: { type: 'string', maxLength: 1000 },
  },
} as const;

export const triggerBody = {
  type: 'object',
  additionalProperties: false,
  required: ['message'],
  properties: {
    message: { type: 'string', enum: [...TRIGGER_MESSAGES], description: 'on 2.0.1 DiagnosticsStatusNotification asks for LogStatusNotification' },
    connectorNo: { ...connectorNo, minimum: 1 },
  },
} as const;

export const firmwareBody = {
  type: 'object',
  additionalProperties: false,
  required: ['location'],
  properties: {
    location: { ...location, description: 'where the station downloads the firmware (http, https, ftp, ftps or sftp URL)' },
    retrieveAt: { type: 'string', format: 'date-time', description: 'when to download it; absent: now' },
    confirm,
  },
} as const;

export const diagnosticsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['location'],
  properties: { location: { ...location, description: 'where the station uploads its diagnostics (2.0.1: its DiagnosticsLog)' } },
} as const;

const outcome = { type: 'string', enum: COMMAND_OUTCOMES.filter((o) => o !== 'offline'), description: 'accepted or rejected by the station, or no answer in time (timeout) or an error' } as const;

export const answerSchema = {
  type: 'object',
  properties: {
    outcome,
    status: { type: 'string', description: 'the station’s own answer (Accepted, Scheduled, Unlocked, RebootRequired, OngoingAuthorizedTransaction …)' },
    requestId: { type: 'integer', description: '2.0.1: the id its status notifications carry' },
    fileName: { type: 'string', description: 'the file the station says it will upload' },
    message: { type: 'string' },
  },
} as const;

export const configurationSchema = {
  type: 'object',
  properties: {
    outcome,
    message: { type: 'string' },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          value: { type: 'string' },
          readonly: { type: 'boolean', description: '1.6 only: 2.0.1 GetVariables does not say' },
          status: { type: 'string', description: 'Accepted, NotSupported (1.6 unknown key), UnknownComponent, UnknownVariable …' },
        },
      },
    },
  },
} as const;

export const historySchema = {
  type: 'object',
  properties: {
    operations: {
      type: 'array',
      items: {
        type: 'object',
        properties: { at: { type: 'string' }, actor: { type: 'string' }, action: { type: 'string' }, outcome: { type: 'string' }, detail: { type: 'object', additionalProperties: true } },
      },
    },
    transfers: {
      type: 'array',
      items: { type: 'object', properties: { kind: { type: 'string', enum: ['firmware', 'diagnostics'] }, status: { type: 'string' }, requestId: { type: 'integer' }, at: { type: 'string' } } },
    },
  },
} as const;
