// Fault injection: a share of requests answered 429/503/504, slowed down, or dropped, before anything else happens.
import type { Random } from './ids';
import { ConfigError } from '../../config';

/** How often each fault happens (shares from 0 to 1) and how it looks. */
export interface FaultConfig {
  readonly rate429?: number;
  readonly rate503?: number;
  readonly rate504?: number;
  /** Share of requests whose socket is destroyed without an answer. */
  readonly dropRate?: number;
  /** Added to every request, in milliseconds. */
  readonly latencyMs?: number;
  /** `Retry-After` on 429 and 503, in whole seconds as Graph sends it (default 1; 0 for fast tests). */
  readonly retryAfterSeconds?: number;
}

/** What to do with one request. */
export type FaultDecision = { readonly kind: 'none' } | { readonly kind: 'status'; readonly status: 429 | 503 | 504 } | { readonly kind: 'drop' };

const KEYS: Record<string, keyof FaultConfig> = {
  '429': 'rate429',
  '503': 'rate503',
  '504': 'rate504',
  drop: 'dropRate',
  latency: 'latencyMs',
  retryafter: 'retryAfterSeconds',
};

/** Parses `429=0.3,503=0.05,504=0.01,drop=0.01,latency=50,retryAfter=0` (MEETBOT_LOCAL_FAULTS); throws on a bad part. */
export function parseFaults(text: string): FaultConfig {
  const out: Record<string, number> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [rawKey, rawValue] = part.split('=').map((s) => s.trim());
    const key = KEYS[(rawKey ?? '').toLowerCase()];
    const value = Number(rawValue);
    if (!key) throw new ConfigError('MEETBOT_LOCAL_FAULTS', `unknown fault "${rawKey}" (use 429, 503, 504, drop, latency, retryAfter)`);
    if (rawValue === undefined || rawValue === '' || !Number.isFinite(value) || value < 0) {
      throw new ConfigError('MEETBOT_LOCAL_FAULTS', `"${part}" needs a number, e.g. ${rawKey}=0.1`);
    }
    if (key.startsWith('rate') || key === 'dropRate') {
      if (value > 1) throw new ConfigError('MEETBOT_LOCAL_FAULTS', `"${part}" is a share of requests from 0 to 1`);
    }
    out[key] = value;
  }
  const total = (out.rate429 ?? 0) + (out.rate503 ?? 0) + (out.rate504 ?? 0) + (out.dropRate ?? 0);
  if (total > 1) throw new ConfigError('MEETBOT_LOCAL_FAULTS', 'the shares add up to more than 1');
  return out as FaultConfig;
}

/** Draws one decision; a single draw per request keeps seeded runs reproducible. */
export function decideFault(config: FaultConfig, random: Random): FaultDecision {
  const r = random();
  let edge = config.rate429 ?? 0;
  if (r < edge) return { kind: 'status', status: 429 };
  edge += config.rate503 ?? 0;
  if (r < edge) return { kind: 'status', status: 503 };
  edge += config.rate504 ?? 0;
  if (r < edge) return { kind: 'status', status: 504 };
  edge += config.dropRate ?? 0;
  if (r < edge) return { kind: 'drop' };
  return { kind: 'none' };
}

/** The error code and message Graph uses for each injected status. */
export const FAULT_ERRORS: Record<429 | 503 | 504, { code: string; message: string }> = {
  429: { code: 'TooManyRequests', message: 'Please retry again later.' },
  503: { code: 'serviceNotAvailable', message: 'The service is temporarily unavailable. Please retry later.' },
  504: { code: 'GatewayTimeout', message: 'The request timed out before the service could answer.' },
};
