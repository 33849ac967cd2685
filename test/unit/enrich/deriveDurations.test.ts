import { describe, expect, it } from 'vitest';
import {
  deriveConnectedDurationMs, deriveDurations, deriveHoldDurationMs, deriveScheduledInMs,
} from '../../../src/enrich/deriveDurations.js';
import { MAX_DATE_TIME, MIN_DATE_TIME } from '../../../src/model/dateTime.js';

const T = 1_764_079_380_000; // 2026-11-25T14:03:00Z

describe('deriveConnectedDurationMs', () => {
  it('is disconnectedTime − connectedTime', () => {
    expect(deriveConnectedDurationMs({ connectedTime: T, disconnectedTime: T + 95_250 })).toBe(95_250);
  });

  it('is 0 when both are the same instant', () => {
    expect(deriveConnectedDurationMs({ connectedTime: T, disconnectedTime: T })).toBe(0);
  });

  it('is null when the disconnect comes before the connect', () => {
    expect(deriveConnectedDurationMs({ connectedTime: T, disconnectedTime: T - 1 })).toBeNull();
  });

  it.each([
    ['connectedTime missing', { disconnectedTime: T }],
    ['disconnectedTime missing', { connectedTime: T }],
    ['both missing', {}],
  ])('is null with %s', (_case, callback) => {
    expect(deriveConnectedDurationMs(callback)).toBeNull();
  });
});

describe('deriveHoldDurationMs', () => {
  it('is eventTime − startHoldTime while held', () => {
    expect(deriveHoldDurationMs({ held: true, startHoldTime: T - 42_000 }, T)).toBe(42_000);
  });

  it('is null, not clamped to 0, when the hold starts after the event', () => {
    expect(deriveHoldDurationMs({ held: true, startHoldTime: T + 1 }, T)).toBeNull();
  });

  it.each([
    ['held false', { held: false, startHoldTime: T - 1_000 }],
    ['held absent', { startHoldTime: T - 1_000 }],
    ['startHoldTime missing', { held: true }],
  ])('is null with %s', (_case, callback) => {
    expect(deriveHoldDurationMs(callback, T)).toBeNull();
  });
});

describe('deriveScheduledInMs', () => {
  it('is positive for a callback still ahead', () => {
    expect(deriveScheduledInMs({ callbackScheduledTime: T + 3_600_000 }, T)).toBe(3_600_000);
  });

  it('is negative for an overdue callback', () => {
    expect(deriveScheduledInMs({ callbackScheduledTime: T - 90_000 }, T)).toBe(-90_000);
  });

  it('is null without a scheduled time', () => {
    expect(deriveScheduledInMs({}, T)).toBeNull();
  });

  it('is null when the span would not survive an Avro long (avsc: beyond ±2^52)', () => {
    expect(deriveScheduledInMs({ callbackScheduledTime: 0 }, 2 ** 52)).toBe(-(2 ** 52));
    expect(deriveScheduledInMs({ callbackScheduledTime: 0 }, 2 ** 52 + 1)).toBeNull();
    expect(deriveScheduledInMs({ callbackScheduledTime: 1 }, -(2 ** 52))).toBeNull();
    expect(deriveScheduledInMs({ callbackScheduledTime: MAX_DATE_TIME }, -9e15)).toBeNull();
    expect(deriveScheduledInMs({ callbackScheduledTime: 0 }, Number.NaN)).toBeNull();
  });

  it('stays exact across the widest model date-times', () => {
    expect(deriveScheduledInMs({ callbackScheduledTime: MAX_DATE_TIME }, MIN_DATE_TIME)).toBe(MAX_DATE_TIME - MIN_DATE_TIME);
  });
});

describe('deriveDurations', () => {
  it('derives all three from one callback', () => {
    expect(deriveDurations({
      held: true, startHoldTime: T - 5_000, connectedTime: T - 60_000, disconnectedTime: T,
      callbackScheduledTime: T - 120_000,
    }, T)).toEqual({ connectedDurationMs: 60_000, holdDurationMs: 5_000, scheduledInMs: -120_000 });
  });
});
