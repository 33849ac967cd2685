import { describe, expect, it } from 'vitest';
import { deriveOutcome, findOutcomeRule, isTerminalState } from '../../../src/enrich/deriveOutcome.js';
import { DISCONNECT_TYPE_VALUES, STATE_VALUES, type CallbackOutcome } from '../../../src/model/enums.js';
import type { ConversationNotificationCallback } from '../../../src/model/types.js';

const CONNECTED_AT = 1_764_075_000_000;

// CONTRACT §3, row by row, written out independently of OUTCOME_RULES: each case is a callback
// that should land on that row and nowhere earlier.
const CONTRACT_ROWS: ReadonlyArray<[row: string, callback: ConversationNotificationCallback, outcome: CallbackOutcome]> = [
  ['terminal, SPAM', { state: 'DISCONNECTED', disconnectType: 'SPAM', connectedTime: CONNECTED_AT }, 'SPAM'],
  ['terminal, UNCALLABLE', { state: 'TERMINATED', disconnectType: 'UNCALLABLE' }, 'UNCALLABLE'],
  ['terminal, TRANSFER', { state: 'DISCONNECTED', disconnectType: 'TRANSFER' }, 'TRANSFERRED'],
  ['terminal, TRANSFER_CONFERENCE', { state: 'TERMINATED', disconnectType: 'TRANSFER_CONFERENCE' }, 'TRANSFERRED'],
  ['terminal, TRANSFER_CONSULT', { state: 'DISCONNECTED', disconnectType: 'TRANSFER_CONSULT' }, 'TRANSFERRED'],
  ['terminal, TRANSFER_FORWARD', { state: 'DISCONNECTED', disconnectType: 'TRANSFER_FORWARD' }, 'TRANSFERRED'],
  ['terminal, TRANSFER_NOANSWER', { state: 'DISCONNECTED', disconnectType: 'TRANSFER_NOANSWER' }, 'NO_ANSWER'],
  ['terminal, TRANSFER_NOTAVAILABLE', { state: 'TERMINATED', disconnectType: 'TRANSFER_NOTAVAILABLE' }, 'NO_ANSWER'],
  ['terminal, TIMEOUT', { state: 'DISCONNECTED', disconnectType: 'TIMEOUT', connectedTime: CONNECTED_AT }, 'NO_ANSWER'],
  ['terminal, ERROR', { state: 'DISCONNECTED', disconnectType: 'ERROR' }, 'FAILED'],
  ['terminal, TRANSPORT_FAILURE', { state: 'TERMINATED', disconnectType: 'TRANSPORT_FAILURE' }, 'FAILED'],
  ['terminal, SYSTEM', { state: 'DISCONNECTED', disconnectType: 'SYSTEM', connectedTime: CONNECTED_AT }, 'FAILED'],
  ['terminal, ENDPOINT, connected', { state: 'DISCONNECTED', disconnectType: 'ENDPOINT', connectedTime: CONNECTED_AT }, 'COMPLETED'],
  ['terminal, CLIENT, connected', { state: 'TERMINATED', disconnectType: 'CLIENT', connectedTime: CONNECTED_AT }, 'COMPLETED'],
  ['terminal, PEER, connected', { state: 'DISCONNECTED', disconnectType: 'PEER', connectedTime: CONNECTED_AT }, 'COMPLETED'],
  ['terminal, ENDPOINT, never connected', { state: 'DISCONNECTED', disconnectType: 'ENDPOINT' }, 'NO_ANSWER'],
  ['terminal, CLIENT, never connected', { state: 'TERMINATED', disconnectType: 'CLIENT' }, 'NO_ANSWER'],
  ['terminal, PEER, never connected', { state: 'DISCONNECTED', disconnectType: 'PEER', held: true }, 'NO_ANSWER'],
  ['terminal, OTHER', { state: 'DISCONNECTED', disconnectType: 'OTHER', connectedTime: CONNECTED_AT }, 'UNKNOWN'],
  ['terminal, OutdatedSdkVersion', { state: 'TERMINATED', disconnectType: 'OutdatedSdkVersion' }, 'UNKNOWN'],
  ['terminal, no disconnectType', { state: 'DISCONNECTED', connectedTime: CONNECTED_AT }, 'UNKNOWN'],
  ['SCHEDULED', { state: 'SCHEDULED', disconnectType: 'SPAM' }, 'SCHEDULED'],
  ['CONNECTED, held', { state: 'CONNECTED', held: true }, 'ON_HOLD'],
  ['CONNECTED, held false', { state: 'CONNECTED', held: false }, 'CONNECTED'],
  ['CONNECTED, held absent', { state: 'CONNECTED', disconnectType: 'ERROR' }, 'CONNECTED'],
  ['ALERTING', { state: 'ALERTING' }, 'IN_PROGRESS'],
  ['DIALING', { state: 'DIALING', held: true }, 'IN_PROGRESS'],
  ['CONTACTING', { state: 'CONTACTING' }, 'IN_PROGRESS'],
  ['OFFERING', { state: 'OFFERING' }, 'IN_PROGRESS'],
  ['UPLOADING', { state: 'UPLOADING' }, 'IN_PROGRESS'],
  ['NONE', { state: 'NONE', disconnectType: 'SPAM' }, 'PENDING'],
  ['state absent', {}, 'PENDING'],
  ['state OutdatedSdkVersion', { state: 'OutdatedSdkVersion', disconnectType: 'ENDPOINT' }, 'UNKNOWN'],
];

describe('deriveOutcome', () => {
  it.each(CONTRACT_ROWS)('%s', (_row, callback, outcome) => {
    expect(deriveOutcome(callback)).toBe(outcome);
  });

  it('has a row for every state, disconnect type, hold and connect combination', () => {
    const unmatched: string[] = [];
    for (const state of [...STATE_VALUES, undefined]) {
      for (const disconnectType of [...DISCONNECT_TYPE_VALUES, undefined]) {
        for (const held of [true, false, undefined]) {
          for (const connectedTime of [CONNECTED_AT, undefined]) {
            if (findOutcomeRule({ state, disconnectType, held, connectedTime }) === undefined) {
              unmatched.push(`${state}/${disconnectType}/${held}/${connectedTime}`);
            }
          }
        }
      }
    }
    expect(unmatched).toEqual([]);
  });
});

describe('isTerminalState', () => {
  it.each(STATE_VALUES)('%s', (state) => {
    expect(isTerminalState(state)).toBe(state === 'DISCONNECTED' || state === 'TERMINATED');
  });

  it('is false when the state is absent', () => {
    expect(isTerminalState(undefined)).toBe(false);
  });
});
