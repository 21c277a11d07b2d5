import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, commandItem, commandKey, readCommandPayload } from './session-commands.ts';
import type { SessionCommand } from './session-input.ts';
import type { Session } from './session.ts';

// Keys read only these fields.
const session = { id: 'sx', stationId: 'CP1', transactionId: '42', updatedAt: '2026-12-06T10:00:00.000Z' } as Session;
const NOW = new Date('2026-12-06T10:00:05.000Z');

const examples: SessionCommand[] = [
  { type: 'create_payment' },
  { type: 'remote_start', attempt: 2 },
  { type: 'remote_stop', attempt: 3 },
  { type: 'remote_stop' },
  { type: 'query_transaction' },
  { type: 'check_connector' },
  { type: 'capture', amountOre: 4_990 },
  { type: 'capture_idle', amountOre: 1_500 },
  { type: 'cancel' },
  { type: 'send_receipt' },
  { type: 'show_final_cost' },
];

describe('session commands', () => {
  it('has one declaration per command decide() can ask for, each with its own kind', () => {
    expect([...new Set(examples.map((c) => c.type))].sort()).toEqual([...COMMAND_TYPES].sort());
    expect(examples.map((c) => commandItem(session, c, NOW).kind)).toContain('session.capture');
  });

  it('keys a Vipps call by its session alone, and a repeated station command by its number', () => {
    expect(commandKey(session, { type: 'capture', amountOre: 1 })).toBe('capture-sx');
    expect(commandKey(session, { type: 'capture', amountOre: 2 })).toBe('capture-sx');
    expect(commandKey(session, { type: 'capture_idle', amountOre: 2 })).toBe('capture-idle-sx');
    expect(commandKey(session, { type: 'create_payment' })).toBe('create-sx');
    expect(commandKey(session, { type: 'cancel' })).toBe('cancel-sx');
    expect(commandKey(session, { type: 'remote_stop' })).toBe('stop-sx-42');
    expect(commandKey(session, { type: 'remote_stop', attempt: 2 })).toBe('stop-sx-42-2');
    expect(commandKey(session, { type: 'remote_start', attempt: 1 })).toBe('start-sx-1');
    const keys = examples.map((c) => commandKey(session, c));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives the outbox item of a command: its key, when it may run, and the station whose node runs it', () => {
    expect(commandItem(session, { type: 'capture', amountOre: 4_990 }, NOW)).toEqual({
      kind: 'session.capture',
      key: 'capture-sx',
      payload: { sessionId: 'sx', command: { type: 'capture', amountOre: 4_990 } },
      runAfter: NOW,
      stationId: undefined,
    });
    expect(commandItem(session, { type: 'remote_start', attempt: 1 }, NOW)).toMatchObject({ key: 'start-sx-1', runAfter: NOW, stationId: 'CP1' });
    // The payment is created inline; the outbox copy is only the safety net.
    expect(commandItem(session, { type: 'create_payment' }, NOW).runAfter).toEqual(new Date('2026-12-06T10:00:35.000Z'));
    for (const command of examples) expect(commandItem(session, command, NOW).key).toBe(commandKey(session, command));
  });

  it('reads back every payload it wrote, under its own kind', () => {
    for (const command of examples) {
      const item = commandItem(session, command, NOW);
      const stored = JSON.parse(JSON.stringify(item.payload)) as unknown;
      expect(readCommandPayload(item.kind, stored)).toEqual({ sessionId: 'sx', command });
    }
  });

  it('refuses a payload that no command of its kind could have written', () => {
    const bad: [string, unknown][] = [
      ['session.capture', null],
      ['session.capture', 'capture'],
      ['session.capture', { command: { type: 'capture', amountOre: 1 } }],
      ['session.capture', { sessionId: 'sx', command: { type: 'capture' } }],
      ['session.capture', { sessionId: 'sx', command: { type: 'capture', amountOre: '100' } }],
      ['session.capture', { sessionId: 'sx', command: { type: 'capture', amountOre: -1 } }],
      ['session.capture', { sessionId: 'sx', command: { type: 'cancel' } }],
      ['session.remote_start', { sessionId: 'sx', command: { type: 'remote_start' } }],
      ['session.remote_stop', { sessionId: 'sx', command: { type: 'remote_stop', attempt: 1.5 } }],
      ['session.check_payment', { sessionId: 'sx', command: { type: 'check_payment' } }],
    ];
    for (const [kind, payload] of bad) expect(readCommandPayload(kind, payload), `${kind} ${JSON.stringify(payload)}`).toBeUndefined();
  });
});
