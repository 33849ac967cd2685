// CONTRACT §3's outcome table, kept as data: one row per line of the contract, in its order,
// first match wins. Changing the table means editing rows, not control flow, and the unit test
// walks the same rows.
import type { CallbackOutcome, DisconnectTypeEnum, StateEnum } from '../model/enums.js';
import type { ConversationNotificationCallback } from '../model/types.js';

export const TERMINAL_STATES = ['DISCONNECTED', 'TERMINATED'] as const satisfies readonly StateEnum[];

/**
 * One row of the table. A condition left out matches anything. `undefined` in a list stands
 * for an absent field, so "state NONE or absent" is `states: ['NONE', undefined]`.
 */
export interface OutcomeRule {
  readonly states: readonly (StateEnum | undefined)[];
  readonly disconnectTypes?: readonly (DisconnectTypeEnum | undefined)[];
  readonly held?: boolean;
  readonly hasConnectedTime?: boolean;
  readonly outcome: CallbackOutcome;
}

const ENDED_BY_A_PARTY = ['ENDPOINT', 'CLIENT', 'PEER'] as const;

export const OUTCOME_RULES = [
  { states: TERMINAL_STATES, disconnectTypes: ['SPAM'], outcome: 'SPAM' },
  { states: TERMINAL_STATES, disconnectTypes: ['UNCALLABLE'], outcome: 'UNCALLABLE' },
  {
    states: TERMINAL_STATES,
    disconnectTypes: ['TRANSFER', 'TRANSFER_CONFERENCE', 'TRANSFER_CONSULT', 'TRANSFER_FORWARD'],
    outcome: 'TRANSFERRED',
  },
  {
    states: TERMINAL_STATES,
    disconnectTypes: ['TRANSFER_NOANSWER', 'TRANSFER_NOTAVAILABLE', 'TIMEOUT'],
    outcome: 'NO_ANSWER',
  },
  { states: TERMINAL_STATES, disconnectTypes: ['ERROR', 'TRANSPORT_FAILURE', 'SYSTEM'], outcome: 'FAILED' },
  { states: TERMINAL_STATES, disconnectTypes: ENDED_BY_A_PARTY, hasConnectedTime: true, outcome: 'COMPLETED' },
  { states: TERMINAL_STATES, disconnectTypes: ENDED_BY_A_PARTY, hasConnectedTime: false, outcome: 'NO_ANSWER' },
  // OTHER, OutdatedSdkVersion or no disconnectType at all.
  { states: TERMINAL_STATES, outcome: 'UNKNOWN' },
  { states: ['SCHEDULED'], outcome: 'SCHEDULED' },
  { states: ['CONNECTED'], held: true, outcome: 'ON_HOLD' },
  { states: ['CONNECTED'], outcome: 'CONNECTED' },
  { states: ['ALERTING', 'DIALING', 'CONTACTING', 'OFFERING', 'UPLOADING'], outcome: 'IN_PROGRESS' },
  { states: ['NONE', undefined], outcome: 'PENDING' },
  { states: ['OutdatedSdkVersion'], outcome: 'UNKNOWN' },
] as const satisfies readonly OutcomeRule[];

export function isTerminalState(state: StateEnum | undefined): boolean {
  return state === 'DISCONNECTED' || state === 'TERMINATED';
}

function matchesRule(rule: OutcomeRule, callback: ConversationNotificationCallback): boolean {
  if (!rule.states.includes(callback.state)) return false;
  if (rule.disconnectTypes !== undefined && !rule.disconnectTypes.includes(callback.disconnectType)) return false;
  if (rule.held !== undefined && (callback.held === true) !== rule.held) return false;
  if (rule.hasConnectedTime !== undefined && (callback.connectedTime !== undefined) !== rule.hasConnectedTime) {
    return false;
  }
  return true;
}

/** The first rule that matches, or undefined; exported so tests can prove the table is total. */
export function findOutcomeRule(callback: ConversationNotificationCallback): OutcomeRule | undefined {
  for (const rule of OUTCOME_RULES as readonly OutcomeRule[]) {
    if (matchesRule(rule, callback)) return rule;
  }
  return undefined;
}

export function deriveOutcome(callback: ConversationNotificationCallback): CallbackOutcome {
  // The rows cover every state and absence (a test checks it); UNKNOWN is the contract's own
  // answer for what it cannot classify, should a state ever slip past the table.
  return findOutcomeRule(callback)?.outcome ?? 'UNKNOWN';
}
