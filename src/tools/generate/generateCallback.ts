// One realistic callback conversation notification at a random point of its life:
// scheduled → dialing/contacting/alerting → connected (maybe on hold) → disconnected.
// Times are offsets from `baseTime`, so the output depends only on the PRNG and the clock given.
import type { DisconnectTypeEnum, StateEnum } from '../../model/enums.js';
import type {
  CampaignReference, ConversationNotificationCallback, ConversationNotificationDialerPreview, EpochMillis,
} from '../../model/types.js';
import type { Random } from './createRandom.js';
import { generateCallbackNumbers } from './generateCallbackNumbers.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const STATE_WEIGHTS: Readonly<Partial<Record<StateEnum, number>>> = {
  SCHEDULED: 18, DIALING: 6, CONTACTING: 3, ALERTING: 4, OFFERING: 2, CONNECTED: 12,
  DISCONNECTED: 40, TERMINATED: 8, UPLOADING: 2, NONE: 5,
};

const DISCONNECT_WEIGHTS: Readonly<Partial<Record<DisconnectTypeEnum, number>>> = {
  ENDPOINT: 28, CLIENT: 18, PEER: 10, TIMEOUT: 8, TRANSFER: 5, TRANSFER_CONSULT: 2,
  TRANSFER_CONFERENCE: 1, TRANSFER_FORWARD: 1, TRANSFER_NOANSWER: 3, TRANSFER_NOTAVAILABLE: 2,
  SYSTEM: 4, ERROR: 3, TRANSPORT_FAILURE: 2, SPAM: 3, UNCALLABLE: 3, OTHER: 3,
};

const UPLOAD_STATUS_WEIGHTS = { COMPLETE: 60, PENDING: 20, FAILED: 10, TIMEOUT: 10 } as const;

/** Disconnect types after which a conversation had been connected (the rest mostly not). */
const CONNECTED_DISCONNECTS: ReadonlySet<string> = new Set([
  'ENDPOINT', 'CLIENT', 'PEER', 'TRANSFER', 'TRANSFER_CONSULT', 'TRANSFER_CONFERENCE', 'TRANSFER_FORWARD',
]);

const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emeka', 'Fatima', 'Grace', 'Hiro', 'Ingrid', 'José', 'Kavya', 'Liam'] as const;
const LAST_NAMES = ['Okafor', 'Schmidt', 'García', 'Nguyen', 'Smith', 'Rossi', 'Kowalski', 'Tanaka', 'Haddad', 'Silva'] as const;
const QUEUES = ['Billing', 'Support Tier 1', 'Sales', 'Retention', 'Claims'] as const;
const PROVIDERS = ['PureCloud', 'PureCloud', 'PureCloud', 'Salesforce', 'ServiceNow'] as const;

export interface CallbackContext {
  baseTime: EpochMillis;
  /** Campaigns the dialer previews point at; a few previews point at unknown ids on purpose. */
  campaigns: readonly CampaignReference[];
}

function generateDialerPreview(random: Random, campaigns: readonly CampaignReference[]): ConversationNotificationDialerPreview {
  const campaign = campaigns.length > 0 && random.chance(0.95) ? random.pick(campaigns) : undefined;
  return {
    id: random.uuid(),
    contactId: random.uuid(),
    contactListId: campaign?.contactListId ?? random.uuid(),
    campaignId: campaign?.id ?? random.uuid(),
    phoneNumberColumns: [
      { columnName: 'Cell', type: 'cell' },
      ...(random.chance(0.5) ? [{ columnName: 'Home', type: 'home', additionalProperties: { callable: true } }] : []),
    ],
    ...(random.chance(0.3) ? { additionalProperties: { contactTimeZone: 'auto', attempt: random.int(1, 5) } } : {}),
  };
}

export function generateCallback(random: Random, context: CallbackContext): ConversationNotificationCallback {
  const { baseTime, campaigns } = context;
  const state = random.weighted(STATE_WEIGHTS as Record<StateEnum, number>);
  const terminal = state === 'DISCONNECTED' || state === 'TERMINATED';
  const disconnectType = terminal && random.chance(0.95)
    ? random.weighted(DISCONNECT_WEIGHTS as Record<DisconnectTypeEnum, number>)
    : undefined;

  const callbackScheduledTime = state === 'SCHEDULED' || state === 'NONE'
    ? baseTime + random.int(-30 * MINUTE, 48 * HOUR) // some already overdue
    : baseTime - random.int(2 * MINUTE, 6 * HOUR);
  const wasConnected = state === 'CONNECTED'
    || (terminal && disconnectType !== undefined && CONNECTED_DISCONNECTS.has(disconnectType) && random.chance(0.85));
  const connectedTime = wasConnected ? callbackScheduledTime + random.int(5 * SECOND, 2 * MINUTE) : undefined;
  const disconnectedTime = terminal
    ? (connectedTime ?? callbackScheduledTime + random.int(10 * SECOND, MINUTE)) + random.int(20 * SECOND, 30 * MINUTE)
    : undefined;
  const held = state === 'CONNECTED' ? random.chance(0.25) : random.chance(0.7) ? false : undefined;

  const callback: ConversationNotificationCallback = {
    state,
    id: random.uuid(),
    direction: random.chance(0.03) ? undefined : random.chance(0.85) ? 'OUTBOUND' : 'INBOUND',
    callbackNumbers: generateCallbackNumbers(random),
    callbackUserName: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
    callbackScheduledTime,
    skipEnabled: random.chance(0.4),
    provider: random.pick(PROVIDERS),
    timeoutSeconds: random.pick([30, 60, 120, 300]),
  };
  if (held !== undefined) callback.held = held;
  if (held === true) callback.startHoldTime = baseTime - random.int(5 * SECOND, 10 * MINUTE);
  if (disconnectType !== undefined) callback.disconnectType = disconnectType;
  if (connectedTime !== undefined) callback.connectedTime = connectedTime;
  if (disconnectedTime !== undefined) callback.disconnectedTime = disconnectedTime;
  if (random.chance(campaigns.length > 0 ? 0.6 : 0.3)) callback.dialerPreview = generateDialerPreview(random, campaigns);
  if (random.chance(0.12)) {
    callback.voicemail = { id: random.uuid() };
    if (random.chance(0.9)) {
      callback.voicemail.uploadStatus = random.weighted(UPLOAD_STATUS_WEIGHTS);
    }
  }
  if (random.chance(0.5)) callback.scriptId = random.uuid();
  if (wasConnected || random.chance(0.2)) callback.peerId = random.uuid();
  if (random.chance(0.2)) callback.automatedCallbackConfigId = random.uuid();
  if (random.chance(0.3)) {
    callback.additionalProperties = {
      queueName: random.pick(QUEUES),
      priority: random.int(1, 10),
      ...(random.chance(0.5) ? { tags: ['vip', 'retry'].slice(0, random.int(1, 2)) } : {}),
    };
  }
  return callback;
}
